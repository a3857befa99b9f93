mod account;
mod register;
mod sign_in;

pub use account::AccountPage;
pub use register::RegisterPage;
pub use sign_in::SignInPage;
