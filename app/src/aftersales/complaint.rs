//! Complaints (投诉): a shopper who thinks the after-sales desk got it
//! wrong (a refusal) or left them waiting (a request the shop has not
//! moved) escalates the request to someone who may overrule the desk: a
//! super admin or the operations manager. One complaint per request; the
//! decision is final.
use super::{RequestKind, RequestStatus};
use serde::{Deserialize, Serialize};

/// How long after a refusal (or after a request got stuck) the shopper
/// may complain.
pub const COMPLAINT_DAYS: i64 = 15;
/// A request the shop must move has waited this long: it is stuck.
pub const STUCK_DAYS: i64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum ComplaintStatus {
    Open,
    /// Decided for the shopper: the request is put right.
    Upheld,
    /// Decided for the shop: the request stays as it was.
    Dismissed,
}

#[cfg(feature = "ssr")]
pg_text!(ComplaintStatus);

impl ComplaintStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintStatus::Open => "open",
            ComplaintStatus::Upheld => "upheld",
            ComplaintStatus::Dismissed => "dismissed",
        }
    }
}

/// A complaint as both sides see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintView {
    pub status: ComplaintStatus,
    /// What the shopper wrote.
    pub statement: String,
    /// Where the request stood when the shopper complained.
    pub request_status: RequestStatus,
    pub opened_at: String,
    /// The decider's words to the shopper (empty while open).
    pub decision: String,
    pub decided_at: Option<String>,
}

/// Whether the shop is the side that must move a request in `status`
/// (so that leaving it there is the shop's delay, not the shopper's).
pub fn shop_must_act(status: RequestStatus, kind: RequestKind) -> bool {
    use RequestStatus::*;
    match status {
        Requested | BuyerShipped | Received => true,
        // A refund only is paid as it is approved; one still approved has
        // a refund the shop has not managed to make.
        Approved => !kind.returns_goods(),
        _ => false,
    }
}

/// When the shopper may complain about a request in `status` since
/// `since` (when it entered that state): from when until when, in days
/// after `since`. `None`: never about this state.
pub fn complaint_days(status: RequestStatus, kind: RequestKind) -> Option<(i64, i64)> {
    if status == RequestStatus::Refused {
        Some((0, COMPLAINT_DAYS))
    } else if shop_must_act(status, kind) {
        Some((STUCK_DAYS, STUCK_DAYS + COMPLAINT_DAYS))
    } else {
        None
    }
}

/// The shopper may complain now: until when (`Ok`), or why not.
#[cfg(feature = "ssr")]
pub fn complaint_window(
    status: RequestStatus,
    kind: RequestKind,
    since: time::OffsetDateTime,
    now: time::OffsetDateTime,
) -> Result<time::OffsetDateTime, crate::error::ErrorKey> {
    use crate::error::ErrorKey;
    let (from, until) = complaint_days(status, kind).ok_or(ErrorKey::AfterSalesComplaintClosed)?;
    let (from, until) = (
        since + time::Duration::days(from),
        since + time::Duration::days(until),
    );
    if now < from {
        return Err(ErrorKey::AfterSalesComplaintEarly);
    }
    if now > until {
        return Err(ErrorKey::AfterSalesComplaintClosed);
    }
    Ok(until)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::error::ErrorKey;
    use RequestKind::*;
    use RequestStatus::*;
    use time::{Duration, OffsetDateTime};

    fn at(days: i64) -> OffsetDateTime {
        OffsetDateTime::UNIX_EPOCH + Duration::days(20_000) + Duration::days(days)
    }

    #[test]
    fn a_refusal_may_be_escalated_for_fifteen_days() {
        let since = at(0);
        assert_eq!(
            complaint_window(Refused, ReturnRefund, since, at(0)),
            Ok(at(15))
        );
        assert_eq!(
            complaint_window(Refused, RefundOnly, since, at(15)),
            Ok(at(15))
        );
        assert_eq!(
            complaint_window(Refused, ReturnRefund, since, at(15) + Duration::seconds(1)),
            Err(ErrorKey::AfterSalesComplaintClosed)
        );
    }

    #[test]
    fn a_request_is_stuck_after_three_days_of_the_shop_not_moving_it() {
        let since = at(0);
        for (status, kind) in [
            (Requested, ReturnRefund),
            (BuyerShipped, Exchange),
            (Received, Repair),
            (Approved, RefundOnly),
        ] {
            assert_eq!(
                complaint_window(status, kind, since, at(2)),
                Err(ErrorKey::AfterSalesComplaintEarly),
                "{status:?}"
            );
            assert_eq!(complaint_window(status, kind, since, at(3)), Ok(at(18)));
            assert_eq!(
                complaint_window(status, kind, since, at(19)),
                Err(ErrorKey::AfterSalesComplaintClosed)
            );
        }
    }

    #[test]
    fn nothing_to_escalate_when_the_shopper_must_act_or_it_is_settled() {
        for (status, kind) in [
            // The shopper's turn: send the goods back.
            (Approved, ReturnRefund),
            (Withdrawn, ReturnRefund),
            (Refunded, RefundOnly),
            (Exchanged, Exchange),
            (Repaired, Repair),
        ] {
            assert_eq!(complaint_days(status, kind), None, "{status:?}");
            assert_eq!(
                complaint_window(status, kind, at(0), at(5)),
                Err(ErrorKey::AfterSalesComplaintClosed)
            );
        }
    }
}
