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
    /// "open": only requests with a complaint waiting for a decision.
    #[serde(default)]
    pub complaint: String,
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
    pub complaint: Option<super::complaint::ComplaintStatus>,
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
    /// For an exchange: the options of the variant the units become.
    pub exchange_options: Option<String>,
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
    /// An exchange for a dearer variant: what the shopper pays on top,
    /// and whether it is paid.
    pub charge_minor: i64,
    pub charge_paid: bool,
    /// The replacement or repaired goods sent back.
    pub out_carrier: Option<String>,
    pub out_tracking: Option<String>,
    /// The auto-approval rule that approved it, if one did.
    pub auto_rule: Option<i64>,
    /// The shopper's photos (image hashes).
    pub photos: Vec<String>,
    /// The shopper's complaint about how the request was handled.
    pub complaint: Option<super::complaint::ComplaintView>,
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
        self.kind.keeps_goods()
            && matches!(
                self.status,
                RequestStatus::Received
                    | RequestStatus::Refunded
                    | RequestStatus::Exchanged
                    | RequestStatus::Repaired
            )
            && self.items.iter().any(|i| !i.inspected)
    }

    /// The replacement (exchange) or the repaired goods (repair) can be
    /// sent now. An exchange waits for its inspection and a difference
    /// owed; the page says which.
    pub fn can_dispatch(&self) -> bool {
        self.status == RequestStatus::Received
            && matches!(self.kind, RequestKind::Exchange | RequestKind::Repair)
    }

    /// What holds an exchange's replacement back, if anything.
    pub fn dispatch_blocked(&self) -> Option<crate::error::ErrorKey> {
        use crate::error::ErrorKey;
        if self.kind != RequestKind::Exchange {
            return None;
        }
        if self.items.iter().any(|i| !i.inspected) {
            return Some(ErrorKey::AfterSalesNotInspected);
        }
        (self.charge_minor > 0 && !self.charge_paid).then_some(ErrorKey::AfterSalesChargeUnpaid)
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
            charge_minor: 0,
            charge_paid: false,
            out_carrier: None,
            out_tracking: None,
            auto_rule: None,
            photos: vec![],
            complaint: None,
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
    fn an_exchange_leaves_after_inspection_and_payment() {
        use crate::error::ErrorKey;
        let item = |inspected| StaffItem {
            order_item_id: 1,
            name: String::new(),
            options: String::new(),
            sku: String::new(),
            image: None,
            qty: 1,
            goods_minor: 0,
            shipping_minor: 0,
            restocked: 0,
            damaged: 0,
            scrapped: 0,
            inspected,
            exchange_options: Some("L".into()),
        };
        let mut r = request(RequestStatus::Received, 0);
        assert!(!r.can_dispatch(), "a return and refund sends nothing back");
        r.kind = RequestKind::Exchange;
        r.charge_minor = 2000;
        r.items = vec![item(false)];
        assert!(r.can_dispatch());
        assert_eq!(r.dispatch_blocked(), Some(ErrorKey::AfterSalesNotInspected));
        r.items = vec![item(true)];
        assert_eq!(r.dispatch_blocked(), Some(ErrorKey::AfterSalesChargeUnpaid));
        r.charge_paid = true;
        assert_eq!(r.dispatch_blocked(), None);
        r.kind = RequestKind::Repair;
        r.items = vec![item(false)];
        assert_eq!(r.dispatch_blocked(), None, "a repair needs no inspection");
        r.status = RequestStatus::Repaired;
        assert!(!r.can_dispatch());
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
