//! After-sales (售后): a shopper's request to get money back, return,
//! exchange or repair some units of an order line, and the state machine
//! every request moves through. As with orders, the database update
//! repeats `can_become` in its WHERE clause (`RequestStatus::sources`), so
//! two racing changes cannot both apply.
pub mod api;
pub mod complaint;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod eligibility;
pub mod pages;
pub mod queue;
pub mod refund;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod upload;

use serde::{Deserialize, Serialize};

/// What the shopper asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum RequestKind {
    /// 仅退款: money back without sending anything (not shipped yet, or
    /// the goods never arrived).
    RefundOnly,
    /// 退货退款: the goods go back, then the money.
    ReturnRefund,
    /// 换货: the goods go back and another variant of the product comes.
    Exchange,
    /// 维修 / 保修: the goods go back and come back repaired.
    Repair,
}

#[cfg(feature = "ssr")]
pg_text!(RequestKind);

impl RequestKind {
    pub const ALL: [RequestKind; 4] = [
        RequestKind::RefundOnly,
        RequestKind::ReturnRefund,
        RequestKind::Exchange,
        RequestKind::Repair,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::RefundOnly => "refund_only",
            RequestKind::ReturnRefund => "return_refund",
            RequestKind::Exchange => "exchange",
            RequestKind::Repair => "repair",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether the shopper sends goods back before anything else happens.
    pub fn returns_goods(self) -> bool {
        !matches!(self, RequestKind::RefundOnly)
    }

    /// Whether the returned units stay with the shop (to be inspected and
    /// restocked): not a repair, whose goods go back to the shopper.
    pub fn keeps_goods(self) -> bool {
        matches!(self, RequestKind::ReturnRefund | RequestKind::Exchange)
    }

    /// Whether the request ends in money back.
    pub fn refunds(self) -> bool {
        matches!(self, RequestKind::RefundOnly | RequestKind::ReturnRefund)
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum RequestStatus {
    /// Waiting for the merchant.
    Requested,
    /// The merchant agreed: the shopper ships the goods back (or, for a
    /// refund only, the refund is being made).
    Approved,
    /// The merchant said no, with a reason.
    Refused,
    /// The shopper gave up, or did not ship in time: nothing happens.
    Withdrawn,
    /// The shopper sent the goods back (carrier and tracking number).
    BuyerShipped,
    /// The merchant received and inspected the goods.
    Received,
    Refunded,
    Exchanged,
    Repaired,
}

#[cfg(feature = "ssr")]
pg_text!(RequestStatus);

impl RequestStatus {
    pub const ALL: [RequestStatus; 9] = [
        RequestStatus::Requested,
        RequestStatus::Approved,
        RequestStatus::Refused,
        RequestStatus::Withdrawn,
        RequestStatus::BuyerShipped,
        RequestStatus::Received,
        RequestStatus::Refunded,
        RequestStatus::Exchanged,
        RequestStatus::Repaired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Requested => "requested",
            RequestStatus::Approved => "approved",
            RequestStatus::Refused => "refused",
            RequestStatus::Withdrawn => "withdrawn",
            RequestStatus::BuyerShipped => "buyer_shipped",
            RequestStatus::Received => "received",
            RequestStatus::Refunded => "refunded",
            RequestStatus::Exchanged => "exchanged",
            RequestStatus::Repaired => "repaired",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The transitions a request of `kind` may make.
    pub fn can_become(self, next: RequestStatus, kind: RequestKind) -> bool {
        use RequestStatus::*;
        let returns = kind.returns_goods();
        match (self, next) {
            (Requested, Approved | Refused | Withdrawn) => true,
            // A refund only is paid as soon as it is approved.
            (Approved, Refunded) => !returns,
            (Approved, BuyerShipped | Withdrawn) => returns,
            (BuyerShipped, Received) => true,
            (Received, Refunded) => kind == RequestKind::ReturnRefund,
            (Received, Exchanged) => kind == RequestKind::Exchange,
            (Received, Repaired) => kind == RequestKind::Repair,
            _ => false,
        }
    }

    /// Every status a request of `kind` may leave for `next`, for the SQL
    /// guard.
    pub fn sources(next: RequestStatus, kind: RequestKind) -> Vec<RequestStatus> {
        Self::ALL
            .into_iter()
            .filter(|s| s.can_become(next, kind))
            .collect()
    }

    /// Nothing more will happen to the request.
    pub fn is_final(self) -> bool {
        use RequestStatus::*;
        matches!(self, Refused | Withdrawn | Refunded | Exchanged | Repaired)
    }

    /// Whether the request's units count against what the line has left
    /// to ask for. A refused or withdrawn request gives them back, and so
    /// do a finished exchange or repair: the shopper still holds units
    /// bought on that line (the same `after_sales_holds` SQL function says
    /// this for queries; a database test checks they agree).
    pub fn holds(self, kind: RequestKind) -> bool {
        use RequestStatus::*;
        match self {
            Refused | Withdrawn => false,
            Exchanged | Repaired => false,
            Refunded => kind.refunds(),
            _ => true,
        }
    }
}

/// Who is at fault, as a reason says: it decides who pays the return
/// shipping and whether shipping is refunded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum Fault {
    /// Damaged, wrong, not as described, never arrived: the shop pays.
    Seller,
    /// 七天无理由: the shopper changed their mind and pays the return.
    ChangeOfMind,
}

#[cfg(feature = "ssr")]
pg_text!(Fault);

impl Fault {
    pub fn as_str(self) -> &'static str {
        match self {
            Fault::Seller => "seller",
            Fault::ChangeOfMind => "change_of_mind",
        }
    }
}

/// A reason the shopper may pick, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonView {
    pub id: i64,
    pub fault: Fault,
    pub photos_required: i32,
    pub name: String,
}

/// Another variant of a line's product, to exchange units for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeChoice {
    pub variant_id: i64,
    /// Its options in the reader's language ("L / 黑").
    pub options: String,
    pub price_minor: i64,
    pub stock: i32,
}

/// One order line as the request form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineOption {
    pub id: i64,
    pub name: String,
    pub options: String,
    pub image: Option<String>,
    pub bought: i32,
    /// Units not yet in a request.
    pub left: i32,
    pub paid_minor: i64,
    /// When the return window closes ("YYYY-MM-DD HH:MM" in the shop's
    /// time); `None` before delivery.
    pub return_until: Option<String>,
    /// The category or product takes no change-of-mind returns.
    pub excluded: bool,
    /// Why no request can be opened for this line at all.
    pub closed: Option<crate::error::ErrorKey>,
    /// What the line was bought at per unit, before discounts (an
    /// exchange's difference is counted from it).
    pub unit_minor: i64,
    /// The product's other variants.
    pub choices: Vec<ExchangeChoice>,
}

/// What swapping `qty` units bought at `unit_minor` each for a variant at
/// `new_minor` costs: (charged to the shopper, refunded to them). A refund
/// never exceeds `paid_minor`, what those units really cost after the
/// order's discounts.
pub fn exchange_difference(
    unit_minor: i64,
    new_minor: i64,
    qty: i32,
    paid_minor: i64,
) -> (i64, i64) {
    let per_unit = new_minor.saturating_sub(unit_minor);
    let total = per_unit.saturating_mul(i64::from(qty.max(0)));
    if total >= 0 {
        (total, 0)
    } else {
        (0, total.saturating_neg().min(paid_minor.max(0)))
    }
}

/// Most photos a request may carry.
pub const MAX_PHOTOS: usize = 5;

/// What the request form needs for one order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    pub order_number: String,
    pub currency: String,
    /// The goods have left the warehouse (only a refund before that).
    pub shipped: bool,
    pub lines: Vec<LineOption>,
    pub reasons: Vec<ReasonView>,
    /// The form's idempotency key, new each time the form is drawn: the
    /// same form sent twice opens one request.
    pub key: String,
    /// A guest order's link secret, posted back with the form.
    pub token: Option<String>,
}

impl RequestForm {
    /// `path` (with its query) on this order, keeping a guest's secret.
    pub fn link(&self, path: &str) -> String {
        match &self.token {
            Some(t) if path.contains('?') => format!("{path}&t={t}"),
            Some(t) => format!("{path}?t={t}"),
            None => path.to_string(),
        }
    }
}

/// A request in the shopper's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestSummary {
    pub number: String,
    pub order_number: String,
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub refund_minor: i64,
    /// What was really given back (set once refunded).
    pub refunded_minor: i64,
    pub currency: String,
    pub opened_at: String,
    /// When the current state's time runs out, in the shop's time.
    pub deadline: Option<String>,
    /// Seconds left until then, by the shop's clock when the page was made.
    pub seconds_left: Option<i64>,
    /// "name × qty" of the first line, and how many lines in all.
    pub first_item: String,
    pub first_qty: i32,
    pub first_image: Option<String>,
    /// A guest's link secret for the request (none for an account's).
    pub token: Option<String>,
}

impl RequestSummary {
    /// The request's page; a guest's link carries its secret.
    pub fn href(&self) -> String {
        match &self.token {
            Some(t) => format!("/after-sales/{}?t={t}", self.number),
            None => format!("/after-sales/{}", self.number),
        }
    }

    /// A refund is or will be paid: not for a refused or withdrawn request.
    pub fn refund_due(&self) -> bool {
        self.refund_minor > 0
            && !matches!(
                self.status,
                RequestStatus::Refused | RequestStatus::Withdrawn
            )
    }
}

/// One step of a request's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestEvent {
    pub status: RequestStatus,
    /// "status" for a change of state, "extended" for a deadline extended,
    /// "inspected" for returned units inspected.
    pub what: String,
    pub actor: crate::payments::Actor,
    pub note: String,
    pub at: String,
}

/// A line a request covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestItem {
    pub name: String,
    pub options: String,
    pub image: Option<String>,
    pub qty: i32,
    /// For an exchange: the options of the variant the units become.
    pub exchange_options: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDetail {
    pub summary: RequestSummary,
    pub reason: String,
    pub fault: Fault,
    pub note: String,
    pub items: Vec<RequestItem>,
    pub events: Vec<RequestEvent>,
    pub return_carrier: Option<String>,
    pub return_tracking: Option<String>,
    /// Where to send the goods, once a return is approved.
    pub return_address: Option<String>,
    /// An exchange for a dearer variant: what the shopper pays on top,
    /// and whether it is paid.
    pub charge_minor: i64,
    pub charge_paid: bool,
    /// The replacement or the repaired goods on their way back.
    pub out_carrier: Option<String>,
    pub out_tracking: Option<String>,
    /// The shopper's photos (image hashes), in the order added.
    pub photos: Vec<String>,
    /// The shopper's complaint about how the request was handled.
    pub complaint: Option<complaint::ComplaintView>,
    /// Until when the shopper may complain now ("YYYY-MM-DD HH:MM" in the
    /// shop's time); `None` when they may not (or did).
    pub complain_until: Option<String>,
    /// A guest's link secret for the request's order.
    pub order_token: Option<String>,
}

impl RequestDetail {
    /// The request's order page (a guest's carries its secret).
    pub fn order_href(&self) -> String {
        crate::orders::order_href(&self.summary.order_number, self.order_token.as_deref())
    }

    /// The list this request belongs to: the account's, or a guest
    /// order's.
    pub fn list_href(&self) -> String {
        match &self.order_token {
            Some(t) => format!("/after-sales?order={}&t={t}", self.summary.order_number),
            None => "/after-sales".to_string(),
        }
    }

    /// The shopper now sends the goods back and says how.
    pub fn can_ship_back(&self) -> bool {
        self.summary
            .status
            .can_become(RequestStatus::BuyerShipped, self.summary.kind)
    }

    /// The difference of an exchange can be paid now.
    pub fn can_pay_difference(&self) -> bool {
        self.charge_minor > 0
            && !self.charge_paid
            && matches!(
                self.summary.status,
                RequestStatus::Requested
                    | RequestStatus::Approved
                    | RequestStatus::BuyerShipped
                    | RequestStatus::Received
            )
    }

    /// The shopper may still give up on the request.
    pub fn can_withdraw(&self) -> bool {
        self.summary
            .status
            .can_become(RequestStatus::Withdrawn, self.summary.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::RequestKind::*;
    use super::RequestStatus::*;
    use super::*;

    #[test]
    fn a_refund_only_is_paid_on_approval_and_never_waits_for_goods() {
        assert!(Approved.can_become(Refunded, RefundOnly));
        assert!(!Approved.can_become(BuyerShipped, RefundOnly));
        assert!(!Received.can_become(Refunded, RefundOnly));
    }

    #[test]
    fn returned_goods_must_arrive_before_the_outcome() {
        for kind in [ReturnRefund, Exchange, Repair] {
            assert!(Approved.can_become(BuyerShipped, kind));
            assert!(!Approved.can_become(Refunded, kind));
            assert!(BuyerShipped.can_become(Received, kind));
        }
        assert!(Received.can_become(Refunded, ReturnRefund));
        assert!(!Received.can_become(Refunded, Exchange));
        assert!(Received.can_become(Exchanged, Exchange));
        assert!(Received.can_become(Repaired, Repair));
        assert!(!Received.can_become(Exchanged, Repair));
    }

    #[test]
    fn final_states_go_nowhere() {
        for kind in RequestKind::ALL {
            for from in RequestStatus::ALL.into_iter().filter(|s| s.is_final()) {
                for to in RequestStatus::ALL {
                    assert!(!from.can_become(to, kind), "{from:?} -> {to:?} ({kind:?})");
                }
            }
        }
    }

    #[test]
    fn sources_lists_exactly_the_allowed_predecessors() {
        assert_eq!(RequestStatus::sources(Received, Repair), vec![BuyerShipped]);
        assert_eq!(
            RequestStatus::sources(Withdrawn, ReturnRefund),
            vec![Requested, Approved]
        );
        assert_eq!(RequestStatus::sources(Refunded, RefundOnly), vec![Approved]);
    }

    #[test]
    fn refused_withdrawn_and_finished_exchanges_give_units_back() {
        assert!(Requested.holds(ReturnRefund));
        assert!(Refunded.holds(ReturnRefund));
        assert!(Refunded.holds(RefundOnly));
        assert!(!Refused.holds(ReturnRefund));
        assert!(!Withdrawn.holds(RefundOnly));
        assert!(!Exchanged.holds(Exchange));
        assert!(!Repaired.holds(Repair));
        assert!(Received.holds(Exchange));
    }

    #[test]
    fn an_exchange_charges_a_dearer_variant_and_refunds_a_cheaper_one() {
        assert_eq!(exchange_difference(10_000, 12_000, 2, 20_000), (4_000, 0));
        assert_eq!(exchange_difference(10_000, 10_000, 3, 30_000), (0, 0));
        assert_eq!(exchange_difference(10_000, 9_000, 2, 20_000), (0, 2_000));
        // Bought at a discount: never more back than the units cost.
        assert_eq!(exchange_difference(10_000, 1_000, 1, 5_000), (0, 5_000));
        assert_eq!(exchange_difference(10_000, 12_000, 0, 0), (0, 0));
    }

    #[test]
    fn names_round_trip() {
        for k in RequestKind::ALL {
            assert_eq!(RequestKind::parse(k.as_str()), Some(k));
        }
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(s.as_str()), Some(s));
        }
    }
}
