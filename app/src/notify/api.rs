//! The shopper's inbox. Every function is for the signed-in shopper and
//! reaches only their own messages.
use super::InboxPage;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The newest messages in `tab`, written in `lang`.
#[server(endpoint = "inbox", input = GetUrl)]
pub async fn inbox(tab: String, lang: String) -> Result<InboxPage, AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        let pool = server::pool()?;
        let tab = super::Tab::parse(&tab);
        let rows = super::db::inbox(&pool, user.id, tab).await?;
        let unread = super::db::unread(&pool, user.id).await?;
        let locale = crate::locale::locale_pair(&lang).0;
        Ok(InboxPage {
            items: rows.into_iter().map(|r| item(r, locale)).collect(),
            unread,
        })
    })
    .await
}

#[cfg(feature = "ssr")]
fn item(r: super::db::InboxRow, locale: &str) -> super::InboxItem {
    let event = super::Event::parse(&r.event);
    let (title, body) = match event {
        Some(e) => {
            let w = super::text::write(e, locale, &r.payload);
            (w.subject, w.body)
        }
        // A message from a newer version of the shop, read by an older one.
        None => (r.event.clone(), String::new()),
    };
    // The page it is about: its own (an after-sales request), else the order's.
    let path = r.payload.get("path").and_then(|p| p.as_str());
    let number = r.payload.get("number").and_then(|n| n.as_str());
    super::InboxItem {
        id: r.id,
        tab: super::Tab::parse(r.category.as_str()),
        title,
        body,
        href: path
            .map(str::to_string)
            .or_else(|| number.map(|n| format!("/orders/{n}"))),
        read: r.read,
        at: crate::shop_time::display_local(r.unix),
    }
}

/// Marks one message read (opening it does too).
#[server(endpoint = "inbox_read")]
pub async fn mark_read(id: i64) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        super::db::mark_read(&server::pool()?, user.id, id).await
    })
    .await
}

/// Marks every message in `tab` read.
#[server(endpoint = "inbox_read_all")]
pub async fn mark_all_read(tab: String) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let user = server::require_user().await?;
        super::db::mark_all_read(&server::pool()?, user.id, super::Tab::parse(&tab)).await?;
        Ok(())
    })
    .await
}
