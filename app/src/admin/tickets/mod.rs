//! `/admin/tickets`: customer service's queue, one ticket's thread with
//! private notes, canned replies and assignment, and the ratings report.
//! The ticket rules live in `crate::tickets`; this is staff's side of them.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
mod detail;
pub mod pages;

use super::AdminFn;
use crate::accounts::Permission;
use crate::tickets::{Priority, SlaState, ThreadMessage, TicketCategory, TicketStatus};
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[
    AdminFn::read("admin/tickets", Permission::TicketWork),
    AdminFn::read("admin/ticket", Permission::TicketWork),
    AdminFn::write("admin/ticket/reply", Permission::TicketWork),
    AdminFn::write("admin/ticket/assign", Permission::TicketWork),
    AdminFn::write("admin/ticket/priority", Permission::TicketWork),
    AdminFn::write("admin/ticket/resolve", Permission::TicketWork),
    AdminFn::read("admin/tickets/report", Permission::TicketReport),
];

/// Tickets the queue shows at once.
pub const QUEUE_SHOWN: i64 = 200;

/// The queue's filters as the page's URL carries them ("" for any).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueQuery {
    pub status: String,
    pub category: String,
    /// "", "me" or "nobody".
    pub assignee: String,
    pub sla: String,
}

/// A ticket in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub number: String,
    pub subject: String,
    pub category: TicketCategory,
    pub priority: Priority,
    pub status: TicketStatus,
    pub sla: SlaState,
    pub assignee: Option<String>,
    pub customer: String,
    /// The deadline that matters now: the first response until there is
    /// one, then the resolution (shop time).
    pub due: String,
    pub updated: String,
}

/// Staff who may be given tickets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    pub id: i64,
    pub name: String,
}

/// A canned reply, its variables filled for this ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Canned {
    pub title: String,
    pub body: String,
}

/// One ticket as staff work it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffTicket {
    pub number: String,
    pub subject: String,
    pub category: TicketCategory,
    pub priority: Priority,
    pub status: TicketStatus,
    pub sla: SlaState,
    /// The customer's language (canned replies are offered in it).
    pub lang: String,
    pub order_number: Option<String>,
    pub request_number: Option<String>,
    /// Named in the customer's language.
    pub product: Option<crate::tickets::AboutProduct>,
    pub customer_name: Option<String>,
    pub customer_email: String,
    pub assignee_id: Option<i64>,
    pub opened: String,
    pub first_response_due: String,
    pub first_responded: Option<String>,
    pub resolve_due: String,
    /// Minutes the clocks stood still while waiting on the customer.
    pub paused_minutes: i64,
    pub rating: Option<i16>,
    pub rating_comment: Option<String>,
    /// Replies and private notes, oldest first.
    pub messages: Vec<ThreadMessage>,
    pub agents: Vec<Agent>,
    pub canned: Vec<Canned>,
    /// The signed-in agent, for "assign to me".
    pub me: i64,
}

/// Ratings in one group of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingLine {
    /// The agent's name ("" for tickets nobody was assigned), or the
    /// category's code.
    pub name: String,
    pub resolved: i64,
    pub rated: i64,
    /// The mean rating to one decimal, as written ("4.5").
    pub average: Option<String>,
}

/// The ratings report over the last `days` days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingReport {
    pub days: i32,
    pub by_agent: Vec<RatingLine>,
    pub by_category: Vec<RatingLine>,
}
