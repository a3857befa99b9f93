mod category;
mod favourites;
mod home;
mod offline;
mod product;
mod search;

pub use category::CategoryPage;
pub use favourites::FavouritesSection;
pub use home::HomePage;
pub use offline::OfflinePage;
pub use product::{ProductPage, json_ld};
pub use search::SearchPage;
