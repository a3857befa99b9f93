mod policy;
mod settings;

pub use policy::PrivacyPolicyPage;
pub use settings::PrivacySettingsPage;
