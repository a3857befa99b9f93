mod checkout;

pub use checkout::CheckoutPage;
