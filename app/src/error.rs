//! One error type for every server function. It crosses the wire as JSON, maps
//! to an HTTP status, and names a message key that the UI translates. Details
//! of internal failures are logged on the server and never sent.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// A message the UI shows; each variant has an entry in `locales/*/errors.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKey {
    Required,
    TooLong,
    EmailInvalid,
    EmailTaken,
    /// Promoting an account that already is staff (change its role instead).
    AlreadyStaff,
    PasswordTooShort,
    PasswordTooWeak,
    PasswordMismatch,
    WrongCurrentPassword,
    PhoneInvalid,
    PostalCodeInvalid,
    InvalidCredentials,
    TooManyAttempts,
    /// Too many checkout requests (quotes, coupon checks, orders) from one
    /// network in a minute.
    TooManyRequests,
    /// Too many accounts registered from one network in an hour.
    TooManyRegistrations,
    /// Too many guest orders from one network in an hour.
    TooManyGuestOrders,
    /// A guest's unpaid orders from one network already hold the most units
    /// allowed.
    GuestUnitsHeld,
    SignInRequired,
    Forbidden,
    NotFound,
    BadRequest,
    Network,
    Internal,
    CartEmpty,
    CartFull,
    SoldOut,
    PriceChanged,
    /// The points priced into the order are no longer in the balance.
    PointsChanged,
    CouponNotApplicable,
    OrderStateChanged,
    /// A ticket moved on (closed, already rated) since the page was read.
    TicketStateChanged,
    PaymentUnavailable,
    /// A payment method the shop does not offer now (the sandbox provider
    /// switched off).
    PaymentMethodUnavailable,
    AlreadyReviewed,
    PhotoInvalid,
    /// A photo with more pixels than the shop decodes.
    PhotoTooLarge,
    NotRefundable,
    RefundTooLarge,
    NumberInvalid,
    CsvInvalid,
    StillInUse,
    SlugTaken,
    SkuTaken,
    /// A value no radio button of the form offers (a display setting).
    ChoiceInvalid,
    /// After-sales: the order was never paid (or its cash not collected).
    AfterSalesNotPaid,
    AfterSalesCancelled,
    /// Unsent goods can only be refunded, not returned or exchanged.
    AfterSalesNotShipped,
    /// Sent goods come back before a change-of-mind refund.
    AfterSalesReturnNeeded,
    AfterSalesWindowClosed,
    AfterSalesExcluded,
    AfterSalesNothingLeft,
    AfterSalesTooMany,
    /// A repair asked for with a change-of-mind reason.
    AfterSalesRepairFault,
    /// A deadline may be extended once per request.
    AfterSalesExtendedOnce,
    /// The returned units were inspected already.
    AfterSalesInspected,
    /// Restocked, damaged and scrapped units must add up to those returned.
    AfterSalesUnitsMismatch,
    /// The order can't ship while a refund before shipment is open.
    AfterSalesPending,
    /// An exchange names no other variant of the item (or one that does
    /// not exist).
    AfterSalesExchangeVariant,
    /// The returned units must be inspected before the replacement leaves.
    AfterSalesNotInspected,
    /// The shopper has not paid the exchange's difference yet.
    AfterSalesChargeUnpaid,
    /// An auto-approval rule with no condition would approve everything.
    AfterSalesRuleEmpty,
    /// Fewer photos than the reason asks for, or more than five.
    AfterSalesPhotos,
    /// More photos on a ticket than it may carry.
    TicketPhotos,
    /// A complaint about a request that is settled, or too late.
    AfterSalesComplaintClosed,
    /// A request the shop still has time to move (three days).
    AfterSalesComplaintEarly,
    /// The complaint was decided; the decision is final.
    AfterSalesComplaintFinal,
    /// Upholding would reopen units another request has claimed since.
    AfterSalesUnitsTaken,
    /// Not a domain name (a risk rule's throwaway e-mail domains).
    DomainInvalid,
    /// The order waits for its risk review: it cannot ship yet.
    OrderHeld,
    /// A member level's threshold not above the one below it (the lowest
    /// level's is not 0).
    LevelThresholdOrder,
    /// A member price not below the item's own price.
    MemberPriceTooHigh,
    /// The points rules' warning not before the points expire.
    PointsWarnAfterExpiry,
    /// A link from an account e-mail that expired, was used, or was never
    /// the shop's.
    LinkExpired,
    /// Too many account e-mails (password resets, confirmations) asked for
    /// from one network in an hour.
    TooManyMails,
}

/// A problem with one named form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub key: ErrorKey,
}

impl FieldError {
    pub fn new(field: &str, key: ErrorKey) -> Self {
        Self {
            field: field.to_string(),
            key,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("invalid input: {0:?}")]
    Validation(Vec<FieldError>),
    #[error("sign-in required")]
    Unauthenticated,
    #[error("permission denied")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("wrong e-mail or password")]
    InvalidCredentials,
    #[error("too many attempts")]
    TooManyAttempts,
    #[error("bad request")]
    BadRequest,
    #[error("network error")]
    Network,
    #[error("internal error")]
    Internal,
    /// The request was valid but the shop's state refuses it now (sold out,
    /// price changed, order already shipped…); the key says which.
    #[error("conflict: {0:?}")]
    Conflict(ErrorKey),
    /// Refused by an abuse limit (429); the key says which, so the shopper
    /// is told what to wait for.
    #[error("rate limited: {0:?}")]
    RateLimited(ErrorKey),
}

impl AppError {
    /// The HTTP status a server function answers with for this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Validation(_) => 422,
            AppError::Unauthenticated | AppError::InvalidCredentials => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::TooManyAttempts => 429,
            AppError::BadRequest => 400,
            AppError::Network => 503,
            AppError::Internal => 500,
            AppError::Conflict(_) => 409,
            AppError::RateLimited(_) => 429,
        }
    }

    /// The message for the whole form (field errors are shown beside their fields).
    pub fn key(&self) -> ErrorKey {
        match self {
            AppError::Validation(_) => ErrorKey::BadRequest,
            AppError::Unauthenticated => ErrorKey::SignInRequired,
            AppError::Forbidden => ErrorKey::Forbidden,
            AppError::NotFound => ErrorKey::NotFound,
            AppError::InvalidCredentials => ErrorKey::InvalidCredentials,
            AppError::TooManyAttempts => ErrorKey::TooManyAttempts,
            AppError::BadRequest => ErrorKey::BadRequest,
            AppError::Network => ErrorKey::Network,
            AppError::Internal => ErrorKey::Internal,
            AppError::Conflict(key) | AppError::RateLimited(key) => *key,
        }
    }

    /// The first error reported for `field`, if any.
    pub fn field(&self, field: &str) -> Option<ErrorKey> {
        match self {
            AppError::Validation(list) => list.iter().find(|e| e.field == field).map(|e| e.key),
            _ => None,
        }
    }

    pub fn invalid(field: &str, key: ErrorKey) -> Self {
        AppError::Validation(vec![FieldError::new(field, key)])
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The request never reached the server, or its answer never came back.
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::Serialization(_) => AppError::BadRequest,
            _ => AppError::Internal,
        }
    }
}

/// Collects field errors while validating a form.
#[derive(Default)]
pub struct Checks(Vec<FieldError>);

impl Checks {
    pub fn fail(&mut self, field: &str, key: ErrorKey) {
        self.0.push(FieldError::new(field, key));
    }

    pub fn check(&mut self, field: &str, result: Result<(), ErrorKey>) {
        if let Err(key) = result {
            self.fail(field, key);
        }
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.0))
        }
    }
}
