//! A page drawn once for every signed-in shopper (issue 16: "render only the
//! personal parts per shopper"). The server's personal page cache
//! (server/src/personal_cache.rs) renders a catalog page with a stand-in
//! user whose name, e-mail address and id are marker words, keeps that
//! template, and writes each shopper's own values over the markers. The
//! request extension below is how the render learns it is drawing such a
//! template; only the server's middleware inserts it (a client cannot set a
//! request extension).
use crate::auth::{Permission, Role, SessionUser};
use axum::http::request::Parts;
use leptos::prelude::use_context;

/// The marker words the template carries instead of a shopper's values:
/// plain ASCII letters and digits, so no escaping (HTML, JSON, JavaScript)
/// changes them and they can be found again in the rendered page.
pub const NAME_MARK: &str = "agoraTplNameQx7Rv3";
pub const EMAIL_MARK: &str = "agoraTplMailQx7Rv3@tpl.invalid";
pub const ID_MARK: i64 = -7_351_902_846_117;

/// Inserted into a request's extensions by the server when the page is to
/// be rendered as a template for every signed-in shopper of this role.
#[derive(Debug, Clone)]
pub struct PersonalTemplate {
    pub role: Role,
    pub permissions: Vec<Permission>,
}

impl PersonalTemplate {
    /// The stand-in user the template is drawn for.
    pub fn user(&self) -> SessionUser {
        SessionUser {
            id: ID_MARK,
            email: EMAIL_MARK.to_string(),
            display_name: NAME_MARK.to_string(),
            role: self.role,
            permissions: self.permissions.clone(),
        }
    }
}

/// The template this render draws, if it draws one.
pub fn personal_template() -> Option<PersonalTemplate> {
    use_context::<Parts>()?
        .extensions
        .get::<PersonalTemplate>()
        .cloned()
}
