-- Spending points at checkout (issue 19, second part): the redemption
-- terms join the versioned rules, and each order line records the points
-- that paid for part of it, so a refund gives back exactly its share.
-- docs/loyalty.md and docs/promotions.md (rule 7).

-- Existing versions get the shop's first terms: 100 points are ¥1 (one
-- minor unit a point), at least 100 points at a time, at most half of
-- the goods after discounts.
ALTER TABLE points_rules
    ADD COLUMN redeem_minor_per_point int NOT NULL DEFAULT 1
        CHECK (redeem_minor_per_point BETWEEN 1 AND 100),
    ADD COLUMN redeem_min int NOT NULL DEFAULT 100 CHECK (redeem_min BETWEEN 1 AND 100000),
    ADD COLUMN redeem_max_pct int NOT NULL DEFAULT 50 CHECK (redeem_max_pct BETWEEN 1 AND 100);

-- points_spent: taken from the balance for this line when the order was
-- placed; points_minor: what they paid (points_spent × the rule's value);
-- points_returned: given back since by a cancellation or refund.
ALTER TABLE order_items
    ADD COLUMN points_spent int NOT NULL DEFAULT 0 CHECK (points_spent >= 0),
    ADD COLUMN points_minor bigint NOT NULL DEFAULT 0 CHECK (points_minor >= 0),
    ADD COLUMN points_returned int NOT NULL DEFAULT 0,
    ADD CONSTRAINT order_items_points_returned CHECK (points_returned BETWEEN 0 AND points_spent),
    -- What the line's cash paid: its price after discounts, less points.
    DROP CONSTRAINT order_items_check1,
    ADD CONSTRAINT order_items_paid
        CHECK (paid_minor = sale_unit_minor * qty - discount_minor - points_minor);

-- The order's totals of the above, and when the points it spent would
-- have expired (the earliest of the grants it took them from): points given
-- back keep that day, so a refund never makes old points new.
ALTER TABLE orders
    ADD COLUMN points_spent int NOT NULL DEFAULT 0 CHECK (points_spent >= 0),
    ADD COLUMN points_minor bigint NOT NULL DEFAULT 0 CHECK (points_minor >= 0),
    ADD COLUMN points_expire_at timestamptz;

-- The units of an order line that are taken back: all of them when the
-- order is cancelled, else those refunded by after-sales (a refund before
-- shipment also took them off the order: counted once). Points earned and
-- points spent on the line go back in this share (app/src/loyalty/db).
CREATE FUNCTION units_taken_back(item_id bigint) RETURNS int
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN o.status = 'cancelled' THEN i.qty
                ELSE LEAST(i.qty, COALESCE((
                    SELECT sum(ai.qty) FROM after_sales_items ai
                      JOIN after_sales_requests r ON r.id = ai.request_id
                     WHERE ai.order_item_id = i.id AND r.status = 'refunded'
                       AND r.kind IN ('refund_only', 'return_refund')), 0))::int
           END
      FROM order_items i JOIN orders o ON o.id = i.order_id
     WHERE i.id = item_id
$$;
