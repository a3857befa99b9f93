use super::{AdminOrder, OrderList, OrderQuery};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

#[server(endpoint = "admin/orders", input = GetUrl)]
pub async fn search_orders(query: OrderQuery) -> Result<OrderList, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::OrderRead).await?;
        super::db::search(&server::pool()?, &query).await
    })
    .await
}

/// One order in full. It shows who bought it and where it goes, so
/// opening it is written to the audit log (about that customer).
#[server(endpoint = "admin/order", input = GetUrl)]
pub async fn get_admin_order(number: String) -> Result<AdminOrder, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::OrderRead).await?;
        let pool = server::pool()?;
        let order = super::db::load(&pool, &number).await?;
        crate::privacy::db::record_order_view(
            &pool,
            &staff,
            &number,
            order.customer_id,
            &order.email,
        )
        .await?;
        Ok(order)
    })
    .await
}

#[server(endpoint = "admin/order/ship", input = Json)]
pub async fn ship_order(number: String, carrier: String, tracking: String) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::OrderShip).await?;
        super::db::ship(&server::pool()?, &staff, &number, &carrier, &tracking).await
    })
    .await
}

#[server(endpoint = "admin/order/track", input = Json)]
pub async fn track_order(number: String, location: String, text: String) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::OrderShip).await?;
        super::db::track(&server::pool()?, &staff, &number, &location, &text).await
    })
    .await
}

#[server(endpoint = "admin/order/deliver", input = Json)]
pub async fn deliver_order(number: String) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::OrderShip).await?;
        super::db::deliver(&server::pool()?, &staff, &number).await
    })
    .await
}

#[server(endpoint = "admin/order/note", input = Json)]
pub async fn note_order(number: String, body: String) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::OrderShip).await?;
        super::db::note(&server::pool()?, &staff, &number, &body).await
    })
    .await
}

/// Cancels before shipment; a paid order's money goes back in full.
#[server(endpoint = "admin/order/cancel", input = Json)]
pub async fn cancel_order_admin(number: String, reason: String) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::OrderRefund).await?;
        super::db::cancel(&server::pool()?, &staff, &number, &reason).await
    })
    .await
}

/// Gives back `amount_minor` (all or part of what is left) through the
/// provider that took the payment.
#[server(endpoint = "admin/order/refund", input = Json)]
pub async fn refund_order(
    number: String,
    amount_minor: i64,
    reason: String,
) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::OrderRefund).await?;
        super::db::refund(&server::pool()?, &staff, &number, amount_minor, &reason).await
    })
    .await
}

/// Decides a held order: `release` lets it ship; otherwise it is cancelled
/// (and a paid order's money goes back) with `reason`.
#[server(endpoint = "admin/order/risk", input = Json)]
pub async fn review_order(number: String, release: bool, reason: String) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::OrderRisk).await?;
        super::db::review(&server::pool()?, &staff, &number, release, &reason).await
    })
    .await
}

/// The risk rules and threshold, as the form shows them.
#[server(endpoint = "admin/risk", input = GetUrl)]
pub async fn risk_policy() -> Result<crate::risk::PolicyForm, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::OrderRisk).await?;
        let mut conn = server::pool()?.acquire().await?;
        let p = crate::risk::db::policy(&mut conn).await?;
        Ok(crate::risk::PolicyForm::from_policy(&p))
    })
    .await
}

/// Saves the risk rules; each wrong field is named.
#[server(endpoint = "admin/risk/save", input = Json)]
pub async fn save_risk_policy(form: crate::risk::PolicyForm) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::OrderRisk).await?;
        let p = form.parse().map_err(AppError::Validation)?;
        crate::risk::db::save_policy(&server::pool()?, &staff, &p).await
    })
    .await
}
