mod buy_box;
mod favourite;
mod gallery;
mod listing_view;
mod menu;
mod product_card;
mod reviews;
mod search_box;
mod variant_picker;

pub use buy_box::{BuyBox, CartSnapshot};
pub use favourite::{FavouriteButton, use_favourite_ids};
pub use gallery::Gallery;
pub use listing_view::{ListingCtx, ListingView};
pub use menu::{CategoryDrawer, CategoryNav, MenuCtx, use_menu};
pub use product_card::{ProductCardView, ProductGrid};
pub use reviews::Reviews;
pub use search_box::SearchBox;
pub use variant_picker::VariantPicker;
