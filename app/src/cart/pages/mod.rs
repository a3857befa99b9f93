mod cart;

pub use cart::{CartPage, use_coupon};
