mod menu;
mod product_card;

pub use menu::{CategoryDrawer, CategoryNav, MenuCtx, use_menu};
pub use product_card::{ProductCardView, ProductGrid};
