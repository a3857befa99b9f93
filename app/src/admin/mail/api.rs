use super::MailOverview;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// The undeliverable messages, the recent test e-mails and how many wait
/// to be sent; subjects written in `lang`.
#[server(endpoint = "admin/mail", input = GetUrl)]
pub async fn admin_mail(lang: String) -> Result<MailOverview, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::MailManage).await?;
        let locale = crate::locale::locale_pair(&lang).0;
        super::db::overview(&server::pool()?, locale, server::now()?).await
    })
    .await
}

/// Sends an undeliverable message again, at once.
#[server(endpoint = "admin/mail/retry", input = Json)]
pub async fn retry_mail(id: i64) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::MailManage).await?;
        super::db::retry(&server::pool()?, &staff, id, server::now()?).await
    })
    .await
}

/// Drops an undeliverable message.
#[server(endpoint = "admin/mail/discard", input = Json)]
pub async fn discard_mail(id: i64) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::MailManage).await?;
        super::db::discard(&server::pool()?, &staff, id).await
    })
    .await
}

/// Sends a test e-mail to `to`, written in `lang`.
#[server(endpoint = "admin/mail/test", input = Json)]
pub async fn test_mail(to: String, lang: String) -> Result<(), AppError> {
    use crate::error::Checks;
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::MailManage).await?;
        let mut checks = Checks::default();
        checks.check("to", crate::accounts::check_email(&to));
        checks.finish()?;
        let to = crate::accounts::normalize_email(&to);
        let locale = crate::locale::locale_pair(&lang).0;
        super::db::test_send(&server::pool()?, &staff, &to, locale, server::now()?).await
    })
    .await
}
