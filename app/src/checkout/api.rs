use super::{OrderForm, Placed};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Places the order. Guests give an e-mail address; a signed-in shopper's
/// cart and address book are used. Bad input changes nothing.
#[server(endpoint = "place_order", input = Json)]
pub async fn place_order(order: OrderForm) -> Result<Placed, AppError> {
    use crate::server;
    server::run(async move {
        server::limit_checkout().await?;
        let state = server::state()?;
        let user = server::optional_user().await?;
        // A method switched off is refused whatever the form says.
        crate::payments::db::ensure_offered(order.payment)?;
        let notify_base = crate::payments::db::notify_base()?;
        super::db::place_from_form(&state, user, order, notify_base).await
    })
    .await
}
