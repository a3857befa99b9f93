mod category;
mod home;
mod search;

pub use category::CategoryPage;
pub use home::HomePage;
pub use search::SearchPage;
