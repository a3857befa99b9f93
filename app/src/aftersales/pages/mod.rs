//! The shopper's after-sales pages: the request form, the list and one
//! request. They live in the account pages' lazily loaded piece.
mod complain;
mod detail;
mod list;
mod new;
mod ship_back;

pub use detail::AfterSalesPage;
pub use list::AfterSalesListPage;
pub use new::NewAfterSalesPage;
