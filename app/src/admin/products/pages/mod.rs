mod editor;
mod import;
mod list;

pub use editor::ProductEditPage;
pub use import::ImportPage;
pub use list::ProductsPage;
