mod detail;
mod list;

pub use detail::OrderPage;
pub use list::OrdersPage;
