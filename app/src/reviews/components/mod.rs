mod review_form;
mod review_list;

pub use review_form::ReviewForm;
pub use review_list::ReviewList;
