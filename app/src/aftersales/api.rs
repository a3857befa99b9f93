//! The shopper's after-sales requests. Every function first settles who is
//! asking: a guest by their order's or request's link (`token`), or else
//! the signed-in shopper; and reads only their own orders and requests
//! (another's answers as a missing one).
use super::{RequestDetail, RequestForm, RequestSummary};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The caller for `number` (an order's when `order`, else a request's):
/// the guest holding its link when a token came, else the signed-in
/// account (401 without one).
#[cfg(feature = "ssr")]
async fn shopper(
    order: bool,
    number: &str,
    token: Option<&str>,
) -> Result<super::db::Shopper, AppError> {
    use crate::server;
    match token.filter(|t| !t.is_empty()) {
        Some(t) => {
            let key = server::state()?.secrets().await?.order_links.clone();
            super::db::owner::from_link(&key, order, number, t)
        }
        None => Ok(super::db::Shopper::Account(
            server::require_user().await?.id,
        )),
    }
}

/// Gives a guest's requests their link secrets (an account's need none).
#[cfg(feature = "ssr")]
async fn with_tokens(
    shopper: super::db::Shopper,
    mut list: Vec<RequestSummary>,
) -> Result<Vec<RequestSummary>, AppError> {
    if shopper == super::db::Shopper::Guest {
        let key = crate::server::state()?.secrets().await?.order_links.clone();
        for r in &mut list {
            r.token = Some(super::db::owner::request_token(&key, &r.number));
        }
    }
    Ok(list)
}

#[server(endpoint = "after_sales_form", input = GetUrl)]
pub async fn after_sales_form(
    order: String,
    lang: String,
    token: Option<String>,
) -> Result<RequestForm, AppError> {
    use crate::server;
    server::run(async move {
        let who = shopper(true, &order, token.as_deref()).await?;
        let lang = crate::locale::locale_pair(&lang).0;
        let mut f = super::db::form(&server::pool()?, who, &order, lang, server::now()?).await?;
        f.token = token.filter(|_| who == super::db::Shopper::Guest);
        Ok(f)
    })
    .await
}

/// Opens a request for `qty` units of one of the signed-in shopper's order
/// lines. `key` is the form's idempotency key: sending the same form twice
/// opens one request. A guest's request, like exchanges and photos, comes
/// through the form (`upload`), which carries their order link's secret.
#[server(endpoint = "open_after_sales")]
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
        let who = super::db::Shopper::Account(server::require_user().await?.id);
        let kind = super::RequestKind::parse(&kind)
            .ok_or_else(|| AppError::invalid("kind", crate::error::ErrorKey::ChoiceInvalid))?;
        let opening = super::db::Opening {
            shopper: who,
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

/// The signed-in shopper's requests, or with `order` and its link's
/// `token` a guest order's.
#[server(endpoint = "my_after_sales", input = GetUrl)]
pub async fn my_after_sales(
    order: Option<String>,
    token: Option<String>,
) -> Result<Vec<RequestSummary>, AppError> {
    use crate::server;
    server::run(async move {
        let (pool, now) = (server::pool()?, server::now()?);
        let list = match (order, token.filter(|t| !t.is_empty())) {
            (Some(order), Some(t)) => {
                shopper(true, &order, Some(&t)).await?;
                super::db::of_guest_order(&pool, &order, now).await?
            }
            _ => {
                let user = server::require_user().await?;
                return super::db::list(&pool, user.id, now).await;
            }
        };
        with_tokens(super::db::Shopper::Guest, list).await
    })
    .await
}

#[server(endpoint = "after_sales_request", input = GetUrl)]
pub async fn after_sales_request(
    number: String,
    lang: String,
    token: Option<String>,
) -> Result<RequestDetail, AppError> {
    use crate::server;
    server::run(async move {
        let who = shopper(false, &number, token.as_deref()).await?;
        let lang = crate::locale::locale_pair(&lang).0;
        let mut d = super::db::detail(&server::pool()?, who, &number, lang, server::now()?).await?;
        if who == super::db::Shopper::Guest {
            let key = server::state()?.secrets().await?.order_links.clone();
            d.order_token = Some(crate::orders::db::order_token(
                &key,
                &d.summary.order_number,
            ));
            d.summary.token = token;
        }
        Ok(d)
    })
    .await
}

#[server(endpoint = "withdraw_after_sales")]
pub async fn withdraw_after_sales(number: String, token: Option<String>) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let who = shopper(false, &number, token.as_deref()).await?;
        super::db::withdraw(&server::pool()?, who, &number).await
    })
    .await
}

/// The shopper sent an approved return back: the carrier and the tracking
/// number the merchant will look for.
#[server(endpoint = "ship_after_sales")]
pub async fn ship_after_sales(
    number: String,
    token: Option<String>,
    carrier: String,
    tracking: String,
) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let who = shopper(false, &number, token.as_deref()).await?;
        let now = server::now()?;
        super::db::ship_back(&server::pool()?, who, &number, &carrier, &tracking, now).await
    })
    .await
}

/// Opens the payment page for an exchange's price difference; returns it.
/// Refused (translated) while the sandbox provider is switched off.
#[server(endpoint = "pay_after_sales")]
pub async fn pay_after_sales(number: String, token: Option<String>) -> Result<String, AppError> {
    use crate::server;
    server::run(async move {
        let who = shopper(false, &number, token.as_deref()).await?;
        crate::payments::db::ensure_offered(crate::payments::PaymentMethod::Sandbox)?;
        let base = crate::payments::db::notify_base()?;
        // The provider sends a guest back to their request by its link.
        let back = match token.filter(|_| who == super::db::Shopper::Guest) {
            Some(t) => format!("/after-sales/{number}?t={t}"),
            None => format!("/after-sales/{number}"),
        };
        super::db::exchange::start_charge(&server::pool()?, who, &number, &back, &base).await
    })
    .await
}

/// The shopper complains (投诉) about how a request was handled: refused,
/// or left waiting by the shop. Once per request; a retry files nothing
/// more.
#[server(endpoint = "complain_after_sales")]
pub async fn complain_after_sales(
    number: String,
    token: Option<String>,
    statement: String,
) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let who = shopper(false, &number, token.as_deref()).await?;
        let now = server::now()?;
        super::db::complaint::escalate(&server::pool()?, who, &number, &statement, now).await
    })
    .await
}
