mod status;
mod timeline;

pub use status::{PaymentBadge, StatusBadge, payment_text, status_text};
pub use timeline::Timeline;
