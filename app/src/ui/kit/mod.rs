//! UI primitives: server data for pages, form fields and status lines, form reading, money, icons,
//! translated messages, page metadata, the account pages' stylesheet, the 404 body, and the page-wide
//! contexts features read (who is signed in, the header badges' ticks). Below
//! every feature: nothing here may import one.
mod auth;
mod data;
mod early;
mod field;
mod form;
mod icons;
mod messages;
mod money;
mod not_found;
mod seo;
mod sheets;
mod stars;

pub use auth::{AuthCtx, use_auth};
pub use data::{Data, Json, OnceData, drawn, once, resource};
pub use early::{live_input_value, typed_before_start};
pub use field::{ErrorNote, Field, FormStatus};
pub use form::{act, form_data, fresh_key};
pub use icons::Icon;
pub use messages::{error_text, locale_for, permission_text, role_text};
pub use money::{format_money, group_thousands};
pub use not_found::NotFound;
pub use seo::{PublicUrl, Seo};
#[cfg(feature = "ssr")]
pub use sheets::PAGES_CSS;
pub use sheets::{PAGES_CSS_URL, PagesStyles};
pub use stars::Stars;

use leptos::prelude::*;

/// Bumped whenever the browser cart changes, so the header badge re-reads it.
#[derive(Clone, Copy)]
pub struct CartTick(pub RwSignal<u32>);

/// Bumped whenever the shopper reads inbox messages, so the header's
/// unread count is read again.
#[derive(Clone, Copy)]
pub struct InboxTick(pub RwSignal<u32>);
