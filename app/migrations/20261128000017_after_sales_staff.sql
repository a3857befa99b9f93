-- After-sales, the merchant's half (issue 17): staff decide requests,
-- deadlines act by themselves, returned units are inspected and restocked,
-- and refunds go back through the provider.

-- Deciding requests is its own permission: customer service answers
-- shoppers but does not refund orders by hand.
INSERT INTO permissions (code) VALUES ('aftersales.handle');
INSERT INTO role_permissions (role, permission) VALUES
    ('super_admin', 'aftersales.handle'),
    ('operations_manager', 'aftersales.handle'),
    ('customer_service', 'aftersales.handle');

-- Where shoppers send returns (shown once a return is approved).
ALTER TABLE after_sales_policy
    ADD COLUMN return_address text NOT NULL
        DEFAULT 'Agora 退货仓 · 上海市浦东新区张江路 88 号 · 200120 · 021-5555-0100'
        CHECK (length(return_address) BETWEEN 1 AND 300);

ALTER TABLE after_sales_requests
    -- A goodwill amount staff added on top of the calculator's offer
    -- (needs order.refund), and why.
    ADD COLUMN goodwill_minor bigint NOT NULL DEFAULT 0 CHECK (goodwill_minor >= 0),
    ADD COLUMN goodwill_reason text NOT NULL DEFAULT '' CHECK (length(goodwill_reason) <= 200),
    -- What was really given back (the offer, capped by what was left of
    -- the payments when it was paid, plus goodwill).
    ADD COLUMN refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    ADD COLUMN shipped_back_at timestamptz,
    ADD COLUMN received_at timestamptz;

-- Inspection of each returned unit: back to stock, damaged or scrapped.
-- Recorded once per line of a request; stock moves only then.
ALTER TABLE after_sales_items
    ADD COLUMN restocked int NOT NULL DEFAULT 0 CHECK (restocked >= 0),
    ADD COLUMN damaged int NOT NULL DEFAULT 0 CHECK (damaged >= 0),
    ADD COLUMN scrapped int NOT NULL DEFAULT 0 CHECK (scrapped >= 0),
    ADD COLUMN inspected_at timestamptz,
    ADD CONSTRAINT after_sales_items_inspection_check
        CHECK ((inspected_at IS NULL AND restocked + damaged + scrapped = 0)
            OR (inspected_at IS NOT NULL AND restocked + damaged + scrapped = qty));

-- Timeline entries that are not a change of state.
ALTER TABLE after_sales_events
    ADD COLUMN what text NOT NULL DEFAULT 'status'
        CHECK (what IN ('status', 'extended', 'inspected'));

-- Which request a refund paid (NULL for cancellations and staff refunds).
ALTER TABLE refunds
    ADD COLUMN after_sales_id bigint REFERENCES after_sales_requests (id) ON DELETE SET NULL;
CREATE INDEX refunds_after_sales_idx ON refunds (after_sales_id) WHERE after_sales_id IS NOT NULL;

-- Units of a line refunded before shipment: they are not packed, and a
-- later cancellation of the order puts back only the rest.
ALTER TABLE order_items
    ADD COLUMN cancelled_qty int NOT NULL DEFAULT 0 CHECK (cancelled_qty >= 0 AND cancelled_qty <= qty);

-- Cash on delivery has no provider payment until it is given back: the
-- courier collected it. The refund is then written against a payment row
-- recording that cash (provider 'cod').
