mod account;
mod email_links;
mod register;
mod sign_in;

pub use account::AccountPage;
pub use email_links::{ConfirmEmailPage, ForgotPasswordPage, ResetPasswordPage};
pub use register::RegisterPage;
pub use sign_in::SignInPage;
