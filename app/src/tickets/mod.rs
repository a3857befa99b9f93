//! Customer-service tickets (issue 18): a shopper's or a guest's question
//! and the thread of replies that follows it. Like orders and after-sales
//! requests, a ticket moves through an explicit state machine that every
//! UPDATE repeats in its WHERE clause (`TicketStatus::sources`), so two
//! racing changes cannot both apply.
//!
//! A reply moves the status the same way whichever screen it comes from:
//! staff answering puts the ticket in `Waiting` (on the customer), the
//! customer answering puts it back in `Open`. While a ticket waits on the
//! customer its SLA clocks stop (`db::sla`).
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use serde::{Deserialize, Serialize};

/// A ticket in the customer's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketSummary {
    pub number: String,
    pub subject: String,
    pub status: TicketStatus,
    /// When anything last happened, in the shop's time zone.
    pub updated: String,
    /// Customer service wrote last: there is an answer to read.
    pub answered: bool,
}

/// One message of the thread, as its reader may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadMessage {
    pub id: i64,
    pub author: Author,
    /// Staff's name, shown to staff; customers read "customer service".
    pub name: Option<String>,
    pub body: String,
    pub at: String,
    /// Photos the customer attached (image hashes), in their order.
    pub photos: Vec<String>,
}

/// The product a ticket is about, named in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AboutProduct {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// A ticket as its customer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketView {
    pub number: String,
    pub subject: String,
    pub category: TicketCategory,
    pub status: TicketStatus,
    pub order_number: Option<String>,
    /// A guest's order link secret, for the order's link.
    pub order_token: Option<String>,
    /// The after-sales request it is about, and a guest's link secret.
    pub request_number: Option<String>,
    pub request_token: Option<String>,
    pub product: Option<AboutProduct>,
    pub opened: String,
    pub messages: Vec<ThreadMessage>,
    pub rating: Option<i16>,
    pub rating_comment: Option<String>,
    /// The guest's ticket link secret, sent back with each change.
    pub token: Option<String>,
}

impl TicketView {
    /// Resolved and not rated yet: the page asks for stars.
    pub fn can_rate(&self) -> bool {
        self.status == TicketStatus::Resolved && self.rating.is_none()
    }
}

/// The contact form as read from its multipart post (`api::open_ticket`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketForm {
    pub category: String,
    pub subject: String,
    pub body: String,
    /// The order it is about, by number (from "Ask about this order").
    pub order: Option<String>,
    /// The after-sales request it is about, by number (from the request's
    /// page); its order comes with it.
    pub request: Option<String>,
    /// The product it is about, by slug (from the product's page).
    pub product: Option<String>,
    /// A guest's link secret for the order or request, which makes it theirs.
    pub token: Option<String>,
    /// A guest's address, when no order link says it.
    pub email: Option<String>,
    /// The language the customer writes in.
    pub lang: String,
    /// The form's idempotency key.
    pub key: String,
    /// The photos' bytes as uploaded (checked and decoded on opening).
    pub photos: Vec<Vec<u8>>,
}

/// What opening a ticket answers: its number, and for a guest the secret
/// of its link (the page they are sent to, and the one e-mailed to them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opened {
    pub number: String,
    pub token: Option<String>,
}

impl Opened {
    pub fn href(&self) -> String {
        ticket_href(&self.number, self.token.as_deref())
    }
}

/// A ticket's page: an account's, or a guest's with its link secret.
pub fn ticket_href(number: &str, token: Option<&str>) -> String {
    match token {
        Some(t) => format!("/tickets/{number}?t={t}"),
        None => format!("/tickets/{number}"),
    }
}

/// Where a ticket stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum TicketStatus {
    /// Nobody in the shop has answered yet.
    New,
    /// Staff are on it (or the customer answered them).
    Open,
    /// Staff answered and wait on the customer: the SLA clocks stop.
    Waiting,
    /// Staff consider it answered; the customer may rate it, or reopen
    /// it by replying.
    Resolved,
    /// Finished for good: a new question is a new ticket.
    Closed,
}

#[cfg(feature = "ssr")]
pg_text!(TicketStatus);

impl TicketStatus {
    pub const ALL: [TicketStatus; 5] = [
        TicketStatus::New,
        TicketStatus::Open,
        TicketStatus::Waiting,
        TicketStatus::Resolved,
        TicketStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::New => "new",
            TicketStatus::Open => "open",
            TicketStatus::Waiting => "waiting",
            TicketStatus::Resolved => "resolved",
            TicketStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The transitions a ticket may make.
    pub fn can_become(self, next: TicketStatus) -> bool {
        use TicketStatus::*;
        match (self, next) {
            // Staff pick it up, or the customer answers them (and a
            // resolved ticket the customer writes to again reopens).
            (New | Waiting | Resolved, Open) => true,
            // Staff answered the customer.
            (New | Open, Waiting) => true,
            (New | Open | Waiting, Resolved) => true,
            // Rated, closed by staff, or left resolved long enough.
            (Resolved, Closed) => true,
            _ => false,
        }
    }

    /// Every status a ticket may leave for `next`, for the SQL guard.
    pub fn sources(next: TicketStatus) -> Vec<TicketStatus> {
        Self::ALL
            .into_iter()
            .filter(|s| s.can_become(next))
            .collect()
    }

    /// Where a public reply moves the ticket, by who wrote it; None keeps
    /// the status. A customer writing to a ticket nobody answered yet
    /// keeps it new (it still waits for its first response); a closed
    /// ticket takes no replies (`accepts_replies`).
    pub fn after_reply(self, by: Author) -> Option<TicketStatus> {
        use TicketStatus::*;
        match (by, self) {
            (Author::Customer, Waiting | Resolved) => Some(Open),
            (Author::Staff, New | Open) => Some(Waiting),
            _ => None,
        }
    }

    /// Whether anyone may still write to the ticket.
    pub fn accepts_replies(self) -> bool {
        self != TicketStatus::Closed
    }

    /// Whether the shop still owes the customer something: the SLA clocks
    /// run (unless waiting) and the queue shows it by default.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            TicketStatus::New | TicketStatus::Open | TicketStatus::Waiting
        )
    }
}

/// What a ticket is about; the queue filters and the reports group by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum TicketCategory {
    Order,
    AfterSales,
    Product,
    Payment,
    Account,
    Other,
}

#[cfg(feature = "ssr")]
pg_text!(TicketCategory);

impl TicketCategory {
    pub const ALL: [TicketCategory; 6] = [
        TicketCategory::Order,
        TicketCategory::AfterSales,
        TicketCategory::Product,
        TicketCategory::Payment,
        TicketCategory::Account,
        TicketCategory::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketCategory::Order => "order",
            TicketCategory::AfterSales => "after_sales",
            TicketCategory::Product => "product",
            TicketCategory::Payment => "payment",
            TicketCategory::Account => "account",
            TicketCategory::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How soon the shop must answer (`ticket_sla` holds the minutes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

#[cfg(feature = "ssr")]
pg_text!(Priority);

impl Priority {
    pub const ALL: [Priority; 4] = [
        Priority::Low,
        Priority::Normal,
        Priority::High,
        Priority::Urgent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Who wrote a message in the thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum Author {
    Customer,
    Staff,
    /// Staff's private note: the customer never sees it.
    Note,
}

#[cfg(feature = "ssr")]
pg_text!(Author);

/// Where a ticket stands against its SLA, as the queue and the ticket
/// page say it in words (the `ticket_sla_state` SQL function decides).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum SlaState {
    /// Within its deadlines.
    OnTime,
    /// Waiting on the customer: the clocks are stopped.
    Paused,
    /// A deadline passed without the answer or the resolution.
    Overdue,
    /// Resolved or closed: the clocks no longer matter.
    Done,
}

#[cfg(feature = "ssr")]
pg_text!(SlaState);

impl SlaState {
    pub const ALL: [SlaState; 4] = [
        SlaState::OnTime,
        SlaState::Paused,
        SlaState::Overdue,
        SlaState::Done,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SlaState::OnTime => "on_time",
            SlaState::Paused => "paused",
            SlaState::Overdue => "overdue",
            SlaState::Done => "done",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Fills `{order_number}` and `{name}` in a canned reply. The agent reads
/// the result in the reply box before sending it, so a variable the ticket
/// has no value for stays in braces, for them to notice and write over.
pub fn fill_canned(body: &str, order_number: Option<&str>, name: Option<&str>) -> String {
    let mut out = body.to_string();
    if let Some(n) = order_number {
        out = out.replace("{order_number}", n);
    }
    if let Some(n) = name {
        out = out.replace("{name}", n);
    }
    out
}

/// Ticket numbers as shown: TK + the day + a sequence.
pub fn number(day: &str, seq: i64) -> String {
    format!("TK{day}-{seq:06}")
}

/// Limits of what a customer or an agent may write.
pub const SUBJECT_MAX: usize = 120;
pub const BODY_MAX: usize = 5000;
/// Photos a customer may attach when opening a ticket.
pub const MAX_PHOTOS: usize = 3;
pub const COMMENT_MAX: usize = 500;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_move_the_status_the_same_way_from_either_side() {
        use TicketStatus::*;
        assert_eq!(New.after_reply(Author::Staff), Some(Waiting));
        assert_eq!(Open.after_reply(Author::Staff), Some(Waiting));
        assert_eq!(Waiting.after_reply(Author::Customer), Some(Open));
        assert_eq!(Resolved.after_reply(Author::Customer), Some(Open));
        // Nobody answered yet: still new. Notes move nothing.
        assert_eq!(New.after_reply(Author::Customer), None);
        for s in TicketStatus::ALL {
            assert_eq!(s.after_reply(Author::Note), None);
            // Every move a reply makes is one the state machine allows.
            for by in [Author::Customer, Author::Staff] {
                if let Some(next) = s.after_reply(by) {
                    assert!(s.can_become(next), "{s:?} -> {next:?}");
                }
            }
        }
    }

    #[test]
    fn closed_is_final_and_only_resolved_tickets_close() {
        for s in TicketStatus::ALL {
            assert!(!TicketStatus::Closed.can_become(s));
        }
        assert_eq!(
            TicketStatus::sources(TicketStatus::Closed),
            vec![TicketStatus::Resolved]
        );
        assert!(!TicketStatus::Closed.accepts_replies());
    }

    #[test]
    fn canned_replies_fill_their_variables() {
        let body = "{name}，您好！订单 {order_number} 已发出。";
        assert_eq!(
            fill_canned(body, Some("AG1"), Some("小李")),
            "小李，您好！订单 AG1 已发出。"
        );
        assert_eq!(fill_canned(body, None, None), body);
    }

    #[test]
    fn names_round_trip() {
        for s in TicketStatus::ALL {
            assert_eq!(TicketStatus::parse(s.as_str()), Some(s));
        }
        for c in TicketCategory::ALL {
            assert_eq!(TicketCategory::parse(c.as_str()), Some(c));
        }
        for p in Priority::ALL {
            assert_eq!(Priority::parse(p.as_str()), Some(p));
        }
        assert_eq!(number("20261128", 42), "TK20261128-000042");
    }
}
