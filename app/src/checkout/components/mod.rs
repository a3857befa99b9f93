//! Pieces of the checkout page that stay in place while the order is
//! re-priced.
mod address_choice;

pub use address_choice::AddressChoice;
