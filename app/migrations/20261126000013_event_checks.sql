-- The last two text columns that named a kind without a CHECK: what an
-- order's history entry records and how it ships. The application reads
-- both as enums (payments::OrderEventKind, cart::ShippingMethod), so an
-- unknown value is refused here rather than failing when a page reads it.
ALTER TABLE order_events ADD CONSTRAINT order_events_status_check
    CHECK (status IN ('placed', 'paid', 'shipped', 'delivered', 'completed', 'cancelled',
                      'refunded', 'partially_refunded'));
ALTER TABLE orders ADD CONSTRAINT orders_shipping_method_check
    CHECK (shipping_method IN ('standard', 'express'));
