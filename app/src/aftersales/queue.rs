//! What staff see of requests: the queue with its filters, and one request
//! with the evidence, the inspection and the refund preview.
use super::{Fault, RequestEvent, RequestKind, RequestStatus};
use serde::{Deserialize, Serialize};

/// The queue's filters; "" means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueQuery {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub kind: String,
    /// "overdue": the deadline has passed; "day": it passes within 24 h.
    #[serde(default)]
    pub due: String,
    #[serde(default)]
    pub page: i64,
}

pub const QUEUE_PAGE: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    pub number: String,
    pub order_number: String,
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub customer: String,
    pub first_item: String,
    pub units: i64,
    pub refund_minor: i64,
    pub currency: String,
    pub opened_at: String,
    pub deadline: Option<String>,
    pub seconds_left: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub rows: Vec<QueueRow>,
    pub total: i64,
}

/// One line of a request, as staff inspect it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffItem {
    pub order_item_id: i64,
    pub name: String,
    pub options: String,
    pub sku: String,
    pub image: Option<String>,
    pub qty: i32,
    pub goods_minor: i64,
    pub shipping_minor: i64,
    pub restocked: i32,
    pub damaged: i32,
    pub scrapped: i32,
    pub inspected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRequest {
    pub number: String,
    pub order_number: String,
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub customer: String,
    pub reason: String,
    pub fault: Fault,
    pub note: String,
    pub currency: String,
    pub opened_at: String,
    pub deadline: Option<String>,
    pub seconds_left: Option<i64>,
    pub extended_reason: Option<String>,
    pub return_carrier: Option<String>,
    pub return_tracking: Option<String>,
    /// The calculator's offer when the request was opened.
    pub refund_minor: i64,
    pub goodwill_minor: i64,
    pub goodwill_reason: String,
    /// What was really given back.
    pub refunded_minor: i64,
    /// What is left of the order's payments now (the preview's cap).
    pub order_left_minor: i64,
    pub items: Vec<StaffItem>,
    pub events: Vec<RequestEvent>,
}

impl StaffRequest {
    pub fn can(&self, next: RequestStatus) -> bool {
        self.status.can_become(next, self.kind)
    }

    /// The merchant's own deadline, which may be extended once.
    pub fn can_extend(&self) -> bool {
        self.extended_reason.is_none()
            && self.deadline.is_some()
            && matches!(
                self.status,
                RequestStatus::Requested | RequestStatus::BuyerShipped
            )
    }

    /// The goods are back and not inspected yet.
    pub fn can_inspect(&self) -> bool {
        self.kind.returns_goods()
            && matches!(
                self.status,
                RequestStatus::Received
                    | RequestStatus::Refunded
                    | RequestStatus::Exchanged
                    | RequestStatus::Repaired
            )
            && self.items.iter().any(|i| !i.inspected)
    }

    /// What approving (a refund only) or receiving (a return) would give
    /// back now: the offer, capped by what is left of the payments.
    pub fn refund_preview(&self, goodwill_minor: i64) -> i64 {
        self.refund_minor
            .saturating_add(goodwill_minor.max(0))
            .min(self.order_left_minor.max(0))
    }
}

/// What bulk approval did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkResult {
    pub approved: Vec<String>,
    /// Requests that had moved on or could not be approved.
    pub skipped: Vec<String>,
}

/// What staff found for one line (see `db::flow::Inspection`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineInspection {
    pub order_item_id: i64,
    pub restocked: i32,
    pub damaged: i32,
    pub scrapped: i32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(status: RequestStatus, left: i64) -> StaffRequest {
        StaffRequest {
            number: "AS1".into(),
            order_number: "A1".into(),
            kind: RequestKind::ReturnRefund,
            status,
            customer: String::new(),
            reason: String::new(),
            fault: Fault::Seller,
            note: String::new(),
            currency: "CNY".into(),
            opened_at: String::new(),
            deadline: Some("2026-11-29 10:00".into()),
            seconds_left: Some(10),
            extended_reason: None,
            return_carrier: None,
            return_tracking: None,
            refund_minor: 5000,
            goodwill_minor: 0,
            goodwill_reason: String::new(),
            refunded_minor: 0,
            order_left_minor: left,
            items: vec![],
            events: vec![],
        }
    }

    #[test]
    fn the_preview_adds_goodwill_and_is_capped_by_what_is_left() {
        let r = request(RequestStatus::BuyerShipped, 6000);
        assert_eq!(r.refund_preview(0), 5000);
        assert_eq!(r.refund_preview(500), 5500);
        assert_eq!(r.refund_preview(5000), 6000);
        assert_eq!(r.refund_preview(-7), 5000);
        assert_eq!(
            request(RequestStatus::BuyerShipped, 0).refund_preview(100),
            0
        );
    }

    #[test]
    fn only_the_merchants_deadlines_extend_and_only_once() {
        assert!(request(RequestStatus::Requested, 0).can_extend());
        assert!(request(RequestStatus::BuyerShipped, 0).can_extend());
        assert!(!request(RequestStatus::Approved, 0).can_extend());
        let mut r = request(RequestStatus::Requested, 0);
        r.extended_reason = Some("holiday".into());
        assert!(!r.can_extend());
    }
}
