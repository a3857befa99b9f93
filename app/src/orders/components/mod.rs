mod review_form;
mod status;
mod timeline;

pub use review_form::ReviewForm;
pub use status::{PaymentBadge, StatusBadge, payment_text, status_text};
pub use timeline::Timeline;
