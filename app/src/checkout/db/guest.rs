//! The limits on what a guest's network may hold with unpaid orders.
use crate::error::{AppError, ErrorKey};
use crate::server::throttle;
use sqlx::PgConnection;

/// A guest's network and the limits on what its guests may hold.
pub struct GuestLimit {
    /// `crate::server::ip_bucket` of the client.
    pub bucket: String,
    pub limits: crate::server::Limits,
}

const GUEST_ORDER: &str = "guest_order";

impl GuestLimit {
    /// Takes the network's lock for the rest of the transaction, then
    /// refuses the order if the network placed `guest_orders_per_hour`
    /// guest orders in the last hour, or if its unpaid guest orders (online
    /// payment not made, or cash on delivery not yet shipped) would hold
    /// more than `guest_units` units with this order's `units`. Counted in
    /// the database, so the limits hold across instances; under the lock,
    /// so a burst of parallel orders queues instead of all passing.
    pub(super) async fn check(&self, conn: &mut PgConnection, units: i64) -> Result<(), AppError> {
        throttle::lock_bucket(conn, GUEST_ORDER, &self.bucket).await?;
        let hour = std::time::Duration::from_secs(3600);
        let placed = throttle::recent(conn, GUEST_ORDER, &self.bucket, hour).await?;
        if placed >= i64::from(self.limits.guest_orders_per_hour) {
            return Err(AppError::RateLimited(ErrorKey::TooManyGuestOrders));
        }
        let held = sqlx::query_scalar!(
            r#"SELECT COALESCE(sum(i.qty), 0)::bigint AS "held!"
                 FROM throttle_events t
                 JOIN orders o ON o.id = t.order_id
                 JOIN order_items i ON i.order_id = o.id
                WHERE t.action = $1 AND t.ip = $2
                  AND (o.status = 'pending_payment'
                       OR (o.status = 'awaiting_shipment' AND o.payment_status = 'cod_due'))"#,
            GUEST_ORDER,
            self.bucket,
        )
        .fetch_one(&mut *conn)
        .await?;
        if held.saturating_add(units) > i64::from(self.limits.guest_units) {
            return Err(AppError::RateLimited(ErrorKey::GuestUnitsHeld));
        }
        Ok(())
    }

    /// Counts the order placed against the network (same transaction).
    pub(super) async fn record(
        &self,
        conn: &mut PgConnection,
        order_id: i64,
    ) -> Result<(), AppError> {
        throttle::record(conn, GUEST_ORDER, &self.bucket, Some(order_id)).await
    }
}
