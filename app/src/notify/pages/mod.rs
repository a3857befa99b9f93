mod inbox;

pub use inbox::InboxPage;
