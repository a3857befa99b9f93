use super::{QueueItem, QueueQuery, RatingReport, StaffTicket};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// The queue, filtered. Without a status it shows the tickets still owed
/// something (new, open, waiting), overdue first.
#[server(endpoint = "admin/tickets", input = GetUrl)]
pub async fn admin_tickets(query: QueueQuery) -> Result<Vec<QueueItem>, AppError> {
    use crate::tickets::db::reads::{Assignee, QueueFilter};
    use crate::tickets::{SlaState, TicketCategory, TicketStatus};
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::TicketWork).await?;
        let filter = QueueFilter {
            status: TicketStatus::parse(&query.status),
            category: TicketCategory::parse(&query.category),
            assignee: match query.assignee.as_str() {
                "me" => Assignee::Staff(staff.user.id),
                "nobody" => Assignee::Nobody,
                _ => Assignee::Anyone,
            },
            sla: SlaState::parse(&query.sla),
        };
        super::db::queue(&server::pool()?, filter, server::now()?).await
    })
    .await
}

/// One ticket with its thread, private notes included.
#[server(endpoint = "admin/ticket", input = GetUrl)]
pub async fn admin_ticket(number: String) -> Result<StaffTicket, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::TicketWork).await?;
        super::db::ticket(&server::pool()?, &staff, &number, server::now()?).await
    })
    .await
}

/// A reply to the customer (they are told by inbox and e-mail), or with
/// `note` a private note only staff read. `key` is the form's: a retried
/// post writes once.
#[server(endpoint = "admin/ticket/reply", input = Json)]
pub async fn admin_ticket_reply(
    number: String,
    body: String,
    note: bool,
    key: String,
) -> Result<(), AppError> {
    use crate::error::ErrorKey;
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::TicketWork).await?;
        let chars = body.trim().chars().count();
        if chars == 0 {
            return Err(AppError::invalid("body", ErrorKey::Required));
        }
        if chars > crate::tickets::BODY_MAX {
            return Err(AppError::invalid("body", ErrorKey::TooLong));
        }
        if key.is_empty() || key.len() > 64 {
            return Err(AppError::BadRequest);
        }
        let now = server::now()?;
        super::db::reply(&server::pool()?, &staff, &number, &body, note, &key, now).await
    })
    .await
}

/// Gives the ticket to an agent (None: to nobody).
#[server(endpoint = "admin/ticket/assign", input = Json)]
pub async fn admin_ticket_assign(number: String, assignee: Option<i64>) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::TicketWork).await?;
        super::db::assign(&server::pool()?, &staff, &number, assignee, server::now()?).await
    })
    .await
}

#[server(endpoint = "admin/ticket/priority", input = Json)]
pub async fn admin_ticket_priority(number: String, priority: String) -> Result<(), AppError> {
    use crate::error::ErrorKey;
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::TicketWork).await?;
        let priority = crate::tickets::Priority::parse(&priority)
            .ok_or_else(|| AppError::invalid("priority", ErrorKey::ChoiceInvalid))?;
        let now = server::now()?;
        super::db::set_priority(&server::pool()?, &staff, &number, priority, now).await
    })
    .await
}

/// Marks the ticket answered; the customer is asked to rate it.
#[server(endpoint = "admin/ticket/resolve", input = Json)]
pub async fn admin_ticket_resolve(number: String) -> Result<(), AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::TicketWork).await?;
        super::db::resolve(&server::pool()?, &staff, &number, server::now()?).await
    })
    .await
}

/// Ratings per agent and per category over the last `days` days (1–366).
#[server(endpoint = "admin/tickets/report", input = GetUrl)]
pub async fn admin_ticket_report(days: i32) -> Result<RatingReport, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::TicketReport).await?;
        let days = days.clamp(1, 366);
        super::db::report(&server::pool()?, days, server::now()?).await
    })
    .await
}
