//! What tickets say: the staff queue with its filters, a customer's list,
//! one ticket with its thread, canned replies and the ratings report. SLA
//! figures come from the `ticket_*_due` and `ticket_sla_state` SQL
//! functions at the caller's `now`, so the queue and the tests read one
//! definition.
use super::Viewer;
use crate::error::AppError;
use crate::tickets::{Author, Priority, SlaState, TicketCategory, TicketStatus};
use sqlx::PgPool;
use time::OffsetDateTime;

/// Whose tickets the queue shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Assignee {
    #[default]
    Anyone,
    Nobody,
    Staff(i64),
}

/// The queue's filters; None shows every value. Without a status the
/// queue shows the tickets still owed an answer (new, open, waiting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueueFilter {
    pub status: Option<TicketStatus>,
    pub category: Option<TicketCategory>,
    pub assignee: Assignee,
    pub sla: Option<SlaState>,
}

/// A ticket as the queue lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRow {
    pub number: String,
    pub subject: String,
    pub category: TicketCategory,
    pub priority: Priority,
    pub status: TicketStatus,
    pub sla: SlaState,
    pub assignee: Option<String>,
    pub customer: String,
    /// Staff have written to the customer.
    pub responded: bool,
    pub first_response_due: OffsetDateTime,
    pub resolve_due: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// Tickets the queue shows, overdue first, then oldest first.
pub async fn queue(
    pool: &PgPool,
    f: QueueFilter,
    now: OffsetDateTime,
    limit: i64,
) -> Result<Vec<QueueRow>, AppError> {
    let (nobody, staff) = match f.assignee {
        Assignee::Anyone => (false, None),
        Assignee::Nobody => (true, None),
        Assignee::Staff(id) => (false, Some(id)),
    };
    Ok(sqlx::query_as!(
        QueueRow,
        r#"SELECT t.number, t.subject, t.category AS "category: TicketCategory",
                  t.priority AS "priority: Priority", t.status AS "status: TicketStatus",
                  ticket_sla_state(t, $5) AS "sla!: SlaState",
                  a.display_name AS "assignee?",
                  COALESCE(u.email, t.guest_email, '') AS "customer!",
                  t.first_responded_at IS NOT NULL AS "responded!",
                  ticket_first_response_due(t) AS "first_response_due!",
                  ticket_resolve_due(t) AS "resolve_due!",
                  t.updated_at
             FROM tickets t
             LEFT JOIN users a ON a.id = t.assignee_id
             LEFT JOIN users u ON u.id = t.user_id
            WHERE (CASE WHEN $1::text IS NULL THEN t.status IN ('new', 'open', 'waiting')
                        ELSE t.status = $1 END)
              AND ($2::text IS NULL OR t.category = $2)
              AND (NOT $3 OR t.assignee_id IS NULL)
              AND ($4::bigint IS NULL OR t.assignee_id = $4)
              AND ($6::text IS NULL OR ticket_sla_state(t, $5) = $6)
            ORDER BY ticket_sla_state(t, $5) = 'overdue' DESC, t.id
            LIMIT $7"#,
        f.status.map(TicketStatus::as_str),
        f.category.map(TicketCategory::as_str),
        nobody,
        staff,
        now,
        f.sla.map(SlaState::as_str),
        limit,
    )
    .fetch_all(pool)
    .await?)
}

/// A ticket as its page shows it (to its customer, or to staff).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketRow {
    pub id: i64,
    pub number: String,
    /// The account, or None for a guest's ticket.
    pub user_id: Option<i64>,
    pub subject: String,
    pub category: TicketCategory,
    pub priority: Priority,
    pub status: TicketStatus,
    pub sla: SlaState,
    pub lang: String,
    pub order_number: Option<String>,
    pub request_number: Option<String>,
    pub product_id: Option<i64>,
    pub product_slug: Option<String>,
    /// In the reader's language, else the ticket's (either will do).
    pub product_name: Option<String>,
    pub assignee_id: Option<i64>,
    pub assignee: Option<String>,
    pub customer_name: Option<String>,
    pub customer_email: String,
    pub rating: Option<i16>,
    pub rating_comment: Option<String>,
    pub created_at: OffsetDateTime,
    pub first_response_due: OffsetDateTime,
    pub resolve_due: OffsetDateTime,
    pub first_responded_at: Option<OffsetDateTime>,
    pub paused_secs: i64,
}

/// Ticket `number`, if `viewer` may see it; another customer's answers as
/// missing (404), like one that does not exist. A product it is about is
/// named in `lang`, or else in the ticket's language.
pub async fn ticket(
    pool: &PgPool,
    number: &str,
    viewer: Viewer,
    now: OffsetDateTime,
    lang: Option<&str>,
) -> Result<TicketRow, AppError> {
    let (staff, user, guest) = viewer.parts();
    sqlx::query_as!(
        TicketRow,
        r#"SELECT t.id, t.number, t.user_id, t.subject, t.category AS "category: TicketCategory",
                  t.priority AS "priority: Priority", t.status AS "status: TicketStatus",
                  ticket_sla_state(t, $5) AS "sla!: SlaState", t.lang,
                  o.number AS "order_number?", r.number AS "request_number?",
                  p.id AS "product_id?", p.slug AS "product_slug?",
                  (SELECT pt.name FROM product_translations pt
                    WHERE pt.product_id = p.id
                    ORDER BY pt.locale = COALESCE($6, t.lang) DESC, pt.locale = t.lang DESC
                    LIMIT 1) AS "product_name?",
                  t.assignee_id, a.display_name AS "assignee?",
                  u.display_name AS "customer_name?",
                  COALESCE(u.email, t.guest_email, '') AS "customer_email!",
                  t.rating, t.rating_comment, t.created_at,
                  ticket_first_response_due(t) AS "first_response_due!",
                  ticket_resolve_due(t) AS "resolve_due!",
                  t.first_responded_at, t.paused_secs
             FROM tickets t
             LEFT JOIN orders o ON o.id = t.order_id
             LEFT JOIN after_sales_requests r ON r.id = t.request_id
             LEFT JOIN products p ON p.id = t.product_id
             LEFT JOIN users a ON a.id = t.assignee_id
             LEFT JOIN users u ON u.id = t.user_id
            WHERE t.number = $1
              AND ($2 OR t.user_id = $3 OR ($4 AND t.user_id IS NULL))"#,
        number,
        staff,
        user,
        guest,
        now,
        lang,
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// One message of a thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRow {
    pub id: i64,
    pub author: Author,
    /// Staff's display name (customers see "customer service" instead).
    pub author_name: Option<String>,
    pub body: String,
    pub created_at: OffsetDateTime,
    /// The photos attached to it (image hashes), in their order.
    pub photos: Vec<String>,
}

impl TicketRow {
    /// The product it is about, if any.
    pub fn product(&self) -> Option<crate::tickets::AboutProduct> {
        Some(crate::tickets::AboutProduct {
            id: self.product_id?,
            slug: self.product_slug.clone()?,
            name: self.product_name.clone().unwrap_or_default(),
        })
    }
}

/// The thread, oldest first. Private notes only with `notes` (staff).
pub async fn thread(
    pool: &PgPool,
    ticket_id: i64,
    notes: bool,
) -> Result<Vec<MessageRow>, AppError> {
    Ok(sqlx::query_as!(
        MessageRow,
        r#"SELECT m.id, m.author AS "author: Author", u.display_name AS "author_name?",
                  m.body, m.created_at,
                  ARRAY(SELECT i.sha256 FROM ticket_photos p JOIN images i ON i.id = p.image_id
                         WHERE p.message_id = m.id ORDER BY p.position) AS "photos!"
             FROM ticket_messages m LEFT JOIN users u ON u.id = m.author_id
            WHERE m.ticket_id = $1 AND ($2 OR m.author <> 'note')
            ORDER BY m.id"#,
        ticket_id,
        notes,
    )
    .fetch_all(pool)
    .await?)
}

/// A customer's ticket in their list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MineRow {
    pub number: String,
    pub subject: String,
    pub status: TicketStatus,
    pub updated_at: OffsetDateTime,
    /// Whether staff wrote last (the customer has something to read).
    pub answered: bool,
}

/// A shopper's tickets, newest activity first.
pub async fn mine(pool: &PgPool, user_id: i64, limit: i64) -> Result<Vec<MineRow>, AppError> {
    Ok(sqlx::query_as!(
        MineRow,
        r#"SELECT t.number, t.subject, t.status AS "status: TicketStatus", t.updated_at,
                  COALESCE((SELECT m.author = 'staff' FROM ticket_messages m
                             WHERE m.ticket_id = t.id AND m.author <> 'note'
                             ORDER BY m.id DESC LIMIT 1), false) AS "answered!"
             FROM tickets t
            WHERE t.user_id = $1
            ORDER BY t.updated_at DESC, t.id DESC
            LIMIT $2"#,
        user_id,
        limit,
    )
    .fetch_all(pool)
    .await?)
}

/// A canned reply as stored (variables unfilled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CannedRow {
    pub id: i64,
    pub title: String,
    pub body: String,
}

/// The canned replies written in `lang`.
pub async fn canned(pool: &PgPool, lang: &str) -> Result<Vec<CannedRow>, AppError> {
    Ok(sqlx::query_as!(
        CannedRow,
        "SELECT id, title, body FROM ticket_canned_replies WHERE lang = $1 ORDER BY title",
        lang
    )
    .fetch_all(pool)
    .await?)
}

/// Ratings in one group of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingRow {
    /// The agent's name, or the category's code.
    pub name: String,
    pub rated: i64,
    /// The mean rating, to one decimal (None with no ratings).
    pub average: Option<f64>,
    /// Resolved or closed tickets in the period (rated or not).
    pub resolved: i64,
}

/// Ratings per agent (whoever the ticket was assigned to) for tickets
/// resolved in [from, to).
pub async fn ratings_by_agent(
    pool: &PgPool,
    from: OffsetDateTime,
    to: OffsetDateTime,
) -> Result<Vec<RatingRow>, AppError> {
    Ok(sqlx::query_as!(
        RatingRow,
        r#"SELECT COALESCE(a.display_name, '') AS "name!", count(t.rating) AS "rated!",
                  round(avg(t.rating)::numeric, 1)::float8 AS "average?",
                  count(*) AS "resolved!"
             FROM tickets t LEFT JOIN users a ON a.id = t.assignee_id
            WHERE t.resolved_at >= $1 AND t.resolved_at < $2
            GROUP BY a.id, a.display_name
            ORDER BY a.display_name NULLS LAST, a.id"#,
        from,
        to,
    )
    .fetch_all(pool)
    .await?)
}

/// Ratings per category for tickets resolved in [from, to).
pub async fn ratings_by_category(
    pool: &PgPool,
    from: OffsetDateTime,
    to: OffsetDateTime,
) -> Result<Vec<RatingRow>, AppError> {
    Ok(sqlx::query_as!(
        RatingRow,
        r#"SELECT t.category AS "name!", count(t.rating) AS "rated!",
                  round(avg(t.rating)::numeric, 1)::float8 AS "average?",
                  count(*) AS "resolved!"
             FROM tickets t
            WHERE t.resolved_at >= $1 AND t.resolved_at < $2
            GROUP BY t.category
            ORDER BY t.category"#,
        from,
        to,
    )
    .fetch_all(pool)
    .await?)
}
