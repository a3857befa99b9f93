mod review_list;

pub use review_list::ReviewList;
