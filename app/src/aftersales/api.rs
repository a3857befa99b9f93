//! The shopper's after-sales requests. Every function asks for a signed-in
//! shopper first and reads only their own orders and requests (another
//! account's answers as a missing one).
use super::{RequestDetail, RequestForm, RequestSummary};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "after_sales_form", input = GetUrl)]
pub async fn after_sales_form(order: String, lang: String) -> Result<RequestForm, AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        let lang = crate::locale::locale_pair(&lang).0;
        super::db::form(&server::pool()?, user.id, &order, lang, server::now()?).await
    })
    .await
}

/// Opens a request for `qty` units of one order line. `key` is the form's
/// idempotency key: sending the same form twice opens one request.
#[server(endpoint = "open_after_sales")]
#[allow(clippy::too_many_arguments)]
pub async fn open_after_sales(
    order: String,
    line: i64,
    kind: String,
    reason: i64,
    qty: i32,
    note: String,
    key: String,
) -> Result<String, AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        let kind = super::RequestKind::parse(&kind)
            .ok_or_else(|| AppError::invalid("kind", crate::error::ErrorKey::ChoiceInvalid))?;
        let opening = super::db::Opening {
            user_id: user.id,
            order_number: order,
            kind,
            reason_id: reason,
            items: vec![(line, qty)],
            note,
            key,
            // Exchanges and photos come through the form (`upload`).
            exchange_to: None,
            photos: Vec::new(),
        };
        super::db::open(&server::pool()?, &opening, server::now()?).await
    })
    .await
}

#[server(endpoint = "my_after_sales", input = GetUrl)]
pub async fn my_after_sales() -> Result<Vec<RequestSummary>, AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        super::db::list(&server::pool()?, user.id, server::now()?).await
    })
    .await
}

#[server(endpoint = "after_sales_request", input = GetUrl)]
pub async fn after_sales_request(number: String, lang: String) -> Result<RequestDetail, AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        let lang = crate::locale::locale_pair(&lang).0;
        super::db::detail(&server::pool()?, user.id, &number, lang, server::now()?).await
    })
    .await
}

#[server(endpoint = "withdraw_after_sales")]
pub async fn withdraw_after_sales(number: String) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        super::db::withdraw(&server::pool()?, user.id, &number).await
    })
    .await
}

/// The shopper sent an approved return back: the carrier and the tracking
/// number the merchant will look for.
#[server(endpoint = "ship_after_sales")]
pub async fn ship_after_sales(
    number: String,
    carrier: String,
    tracking: String,
) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        let now = server::now()?;
        super::db::ship_back(&server::pool()?, user.id, &number, &carrier, &tracking, now).await
    })
    .await
}

/// Opens the payment page for an exchange's price difference; returns it.
/// Refused (translated) while the sandbox provider is switched off.
#[server(endpoint = "pay_after_sales")]
pub async fn pay_after_sales(number: String) -> Result<String, AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        crate::payments::db::ensure_offered(crate::payments::PaymentMethod::Sandbox)?;
        let base = crate::payments::db::notify_base()?;
        super::db::exchange::start_charge(&server::pool()?, user.id, &number, &base).await
    })
    .await
}

/// The shopper complains (投诉) about how a request was handled: refused,
/// or left waiting by the shop. Once per request; a retry files nothing
/// more.
#[server(endpoint = "complain_after_sales")]
pub async fn complain_after_sales(number: String, statement: String) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        let now = server::now()?;
        super::db::complaint::escalate(&server::pool()?, user.id, &number, &statement, now).await
    })
    .await
}
