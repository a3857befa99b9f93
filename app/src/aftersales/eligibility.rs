//! Whether a shopper may open an after-sales request for some units of an
//! order line, decided on the server from the facts the database gives.
//! Each refusal names the message that explains it to the shopper.
use super::{Fault, RequestKind};
use crate::error::ErrorKey;
use crate::orders::OrderStatus;
use crate::payments::PaymentStatus;
use time::{Duration, OffsetDateTime};

/// What the shop knows about the line and its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineFacts {
    pub order_status: OrderStatus,
    pub payment_status: PaymentStatus,
    /// When the goods arrived; the return window counts from here.
    pub delivered_at: Option<OffsetDateTime>,
    /// The return window in days: the product's category's, or the shop's.
    pub return_days: i32,
    /// How long repairs are accepted after delivery.
    pub warranty_days: i32,
    /// The category or product takes no change-of-mind returns (food once
    /// opened, made to measure…); faults are still taken.
    pub excluded: bool,
    pub bought: i32,
    /// Units already claimed by the line's other requests.
    pub held: i32,
}

impl LineFacts {
    /// Units that may still be asked for.
    pub fn left(&self) -> i32 {
        (self.bought - self.held).max(0)
    }

    /// When the window for `kind` closes; `None` while the goods have not
    /// arrived (the window has not begun).
    pub fn deadline(&self, kind: RequestKind) -> Option<OffsetDateTime> {
        let days = match kind {
            RequestKind::Repair => self.warranty_days,
            _ => self.return_days,
        };
        self.delivered_at
            .map(|at| at + Duration::days(i64::from(days.max(0))))
    }
}

/// Why a request cannot be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing was paid (or cash on delivery not yet collected).
    NotPaid,
    /// Everything paid has already been given back.
    AllRefunded,
    /// A repair is for a fault, not a change of mind.
    RepairNeedsFault,
    Cancelled,
    /// Goods that were never sent cannot be returned, exchanged or
    /// repaired; a refund only cancels them.
    NotShipped,
    /// Goods that were sent come back before a change-of-mind refund.
    ReturnNeeded,
    WindowClosed,
    Excluded,
    NothingLeft,
    TooMany,
}

impl Refusal {
    pub fn key(self) -> ErrorKey {
        match self {
            Refusal::NotPaid => ErrorKey::AfterSalesNotPaid,
            Refusal::AllRefunded => ErrorKey::NotRefundable,
            Refusal::RepairNeedsFault => ErrorKey::AfterSalesRepairFault,
            Refusal::Cancelled => ErrorKey::AfterSalesCancelled,
            Refusal::NotShipped => ErrorKey::AfterSalesNotShipped,
            Refusal::ReturnNeeded => ErrorKey::AfterSalesReturnNeeded,
            Refusal::WindowClosed => ErrorKey::AfterSalesWindowClosed,
            Refusal::Excluded => ErrorKey::AfterSalesExcluded,
            Refusal::NothingLeft => ErrorKey::AfterSalesNothingLeft,
            Refusal::TooMany => ErrorKey::AfterSalesTooMany,
        }
    }
}

/// Whether the order allows any request at all; the first reason found
/// otherwise. Used to decide which lines show an "After-sales" button.
pub fn order_open(facts: &LineFacts) -> Result<(), Refusal> {
    use OrderStatus::*;
    if facts.order_status == Cancelled {
        return Err(Refusal::Cancelled);
    }
    if facts.payment_status == PaymentStatus::Refunded {
        return Err(Refusal::AllRefunded);
    }
    // A refund still on its way (staff gave part back) leaves the rest paid.
    let paid = matches!(
        facts.payment_status,
        PaymentStatus::Paid
            | PaymentStatus::PartiallyRefunded
            | PaymentStatus::RefundPending
            | PaymentStatus::CodCollected
    );
    if !paid || facts.order_status == PendingPayment {
        return Err(Refusal::NotPaid);
    }
    if facts.left() == 0 {
        return Err(Refusal::NothingLeft);
    }
    Ok(())
}

/// Whether `qty` units of the line may be asked for as `kind` with a
/// reason of `fault`, at `now`.
pub fn check(
    kind: RequestKind,
    fault: Fault,
    qty: i32,
    facts: &LineFacts,
    now: OffsetDateTime,
) -> Result<(), Refusal> {
    order_open(facts)?;
    let shipped = facts.order_status != OrderStatus::AwaitingShipment;
    if !shipped && kind != RequestKind::RefundOnly {
        return Err(Refusal::NotShipped);
    }
    if shipped && kind == RequestKind::RefundOnly && fault == Fault::ChangeOfMind {
        return Err(Refusal::ReturnNeeded);
    }
    if kind == RequestKind::Repair && fault == Fault::ChangeOfMind {
        return Err(Refusal::RepairNeedsFault);
    }
    if facts.excluded && fault == Fault::ChangeOfMind {
        return Err(Refusal::Excluded);
    }
    if facts.deadline(kind).is_some_and(|end| now > end) {
        return Err(Refusal::WindowClosed);
    }
    if qty < 1 || qty > facts.left() {
        return Err(Refusal::TooMany);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const DELIVERED: OffsetDateTime = datetime!(2026-11-01 10:00 UTC);

    fn delivered() -> LineFacts {
        LineFacts {
            order_status: OrderStatus::Delivered,
            payment_status: PaymentStatus::Paid,
            delivered_at: Some(DELIVERED),
            return_days: 7,
            warranty_days: 365,
            excluded: false,
            bought: 3,
            held: 0,
        }
    }

    fn days(n: i64) -> OffsetDateTime {
        DELIVERED + Duration::days(n)
    }

    use Fault::*;
    use RequestKind::*;

    #[test]
    fn seven_days_without_reason_counted_from_delivery() {
        let f = delivered();
        assert_eq!(check(ReturnRefund, ChangeOfMind, 1, &f, days(7)), Ok(()));
        assert_eq!(
            check(
                ReturnRefund,
                ChangeOfMind,
                1,
                &f,
                days(7) + Duration::seconds(1)
            ),
            Err(Refusal::WindowClosed)
        );
        // A category with a longer window keeps it open.
        let f = LineFacts {
            return_days: 15,
            ..f
        };
        assert_eq!(check(Exchange, ChangeOfMind, 1, &f, days(14)), Ok(()));
    }

    #[test]
    fn repairs_follow_the_warranty_not_the_return_window() {
        let f = delivered();
        assert_eq!(check(Repair, Seller, 1, &f, days(200)), Ok(()));
        assert_eq!(
            check(Repair, Seller, 1, &f, days(366)),
            Err(Refusal::WindowClosed)
        );
    }

    #[test]
    fn the_window_has_not_begun_before_delivery() {
        let f = LineFacts {
            order_status: OrderStatus::Shipped,
            delivered_at: None,
            ..delivered()
        };
        assert_eq!(check(ReturnRefund, ChangeOfMind, 1, &f, days(60)), Ok(()));
        // Goods that never arrived: money back without a return.
        assert_eq!(check(RefundOnly, Seller, 1, &f, days(60)), Ok(()));
    }

    #[test]
    fn an_unshipped_order_only_takes_a_refund() {
        let f = LineFacts {
            order_status: OrderStatus::AwaitingShipment,
            delivered_at: None,
            ..delivered()
        };
        assert_eq!(check(RefundOnly, ChangeOfMind, 3, &f, days(0)), Ok(()));
        for kind in [ReturnRefund, Exchange, Repair] {
            assert_eq!(
                check(kind, Seller, 1, &f, days(0)),
                Err(Refusal::NotShipped)
            );
        }
    }

    #[test]
    fn shipped_goods_come_back_before_a_change_of_mind_refund() {
        let f = delivered();
        assert_eq!(
            check(RefundOnly, ChangeOfMind, 1, &f, days(1)),
            Err(Refusal::ReturnNeeded)
        );
        assert_eq!(check(RefundOnly, Seller, 1, &f, days(1)), Ok(()));
    }

    #[test]
    fn excluded_goods_take_faults_but_not_change_of_mind() {
        let f = LineFacts {
            excluded: true,
            ..delivered()
        };
        assert_eq!(
            check(ReturnRefund, ChangeOfMind, 1, &f, days(1)),
            Err(Refusal::Excluded)
        );
        assert_eq!(
            check(Exchange, ChangeOfMind, 1, &f, days(1)),
            Err(Refusal::Excluded)
        );
        assert_eq!(check(ReturnRefund, Seller, 1, &f, days(1)), Ok(()));
    }

    #[test]
    fn quantities_never_exceed_what_is_left() {
        let f = LineFacts {
            held: 1,
            ..delivered()
        };
        assert_eq!(f.left(), 2);
        assert_eq!(check(ReturnRefund, ChangeOfMind, 2, &f, days(1)), Ok(()));
        assert_eq!(
            check(ReturnRefund, ChangeOfMind, 3, &f, days(1)),
            Err(Refusal::TooMany)
        );
        assert_eq!(
            check(ReturnRefund, ChangeOfMind, 0, &f, days(1)),
            Err(Refusal::TooMany)
        );
        let all = LineFacts { held: 3, ..f };
        assert_eq!(
            check(ReturnRefund, Seller, 1, &all, days(1)),
            Err(Refusal::NothingLeft)
        );
    }

    #[test]
    fn unpaid_and_cancelled_orders_take_nothing() {
        let unpaid = LineFacts {
            order_status: OrderStatus::PendingPayment,
            payment_status: PaymentStatus::Unpaid,
            delivered_at: None,
            ..delivered()
        };
        assert_eq!(
            check(RefundOnly, Seller, 1, &unpaid, days(0)),
            Err(Refusal::NotPaid)
        );
        let cod = LineFacts {
            payment_status: PaymentStatus::CodDue,
            ..delivered()
        };
        assert_eq!(
            check(ReturnRefund, Seller, 1, &cod, days(1)),
            Err(Refusal::NotPaid)
        );
        let cancelled = LineFacts {
            order_status: OrderStatus::Cancelled,
            payment_status: PaymentStatus::Refunded,
            ..delivered()
        };
        assert_eq!(
            check(RefundOnly, Seller, 1, &cancelled, days(0)),
            Err(Refusal::Cancelled)
        );
    }
}
