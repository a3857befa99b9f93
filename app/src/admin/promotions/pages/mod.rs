//! `/admin/promotions`: every promotion as a card (kind, code, name, what it
//! gives, its window, on/off, uses and what it brought in), switched on and
//! off in place. `/admin/promotions/new` and `/admin/promotions/:id`: the
//! editor, showing only the fields the promotion's kind uses, with each
//! problem worded beside its field (checked in the browser first, then by
//! the server, which has the last word).
mod benefit;
mod editor;
mod kind;
mod limits;
mod list;
mod scope;
mod text;
mod tiers;

pub use editor::PromotionEditPage;
pub use list::PromotionsPage;
pub use text::kind_text;
