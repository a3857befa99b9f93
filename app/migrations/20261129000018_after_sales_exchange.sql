-- Exchanges and repairs (issue 17, third part): the replacement or the
-- repaired goods go back to the shopper with tracking, a replacement
-- leaves stock like a sale, and a price difference between the variants
-- is charged to the shopper or refunded.

-- The variant an exchanged line is swapped for, with its price and its
-- options (in the shopper's language) as they were when asked: a later
-- price change never changes what was agreed.
ALTER TABLE after_sales_items
    ADD COLUMN exchange_variant_id bigint REFERENCES product_variants (id) ON DELETE SET NULL,
    ADD COLUMN exchange_unit_minor bigint CHECK (exchange_unit_minor >= 0),
    ADD COLUMN exchange_options text CHECK (length(exchange_options) <= 200);

ALTER TABLE after_sales_requests
    -- What the shopper pays on top when the new variant costs more (an
    -- exchange for a cheaper one refunds the difference: refund_minor).
    ADD COLUMN charge_minor bigint NOT NULL DEFAULT 0 CHECK (charge_minor >= 0),
    ADD COLUMN charge_paid_at timestamptz,
    -- The replacement or the repaired goods, sent to the shopper.
    ADD COLUMN out_carrier text CHECK (length(out_carrier) <= 40),
    ADD COLUMN out_tracking text CHECK (length(out_tracking) <= 40),
    ADD COLUMN out_shipped_at timestamptz,
    ADD CONSTRAINT after_sales_requests_charge_check
        CHECK (charge_minor = 0 OR kind = 'exchange');

-- A payment made for a request (the difference of an exchange), not for
-- the order's own total.
ALTER TABLE payments
    ADD COLUMN after_sales_id bigint REFERENCES after_sales_requests (id) ON DELETE SET NULL;
CREATE INDEX payments_after_sales_idx ON payments (after_sales_id) WHERE after_sales_id IS NOT NULL;

-- A replacement leaving the shelf has its own reason.
ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_reason_check;
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_reason_check
    CHECK (reason IN ('received', 'damaged', 'returned', 'correction', 'stocktake', 'initial',
                      'exchanged'));

-- Paying the difference is on the timeline too.
ALTER TABLE after_sales_events DROP CONSTRAINT after_sales_events_what_check;
ALTER TABLE after_sales_events ADD CONSTRAINT after_sales_events_what_check
    CHECK (what IN ('status', 'extended', 'inspected', 'paid'));

-- The payment provider says the difference of request `req` was paid:
-- recorded once, only while the exchange can still happen. False means
-- the money is not wanted (the request was refused, withdrawn, finished or
-- paid already) and goes back. Called by the payment notification handler
-- with the order's row locked, so it needs no knowledge of requests.
CREATE FUNCTION after_sales_take_charge(req bigint) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE after_sales_requests SET charge_paid_at = now(), updated_at = now()
     WHERE id = req AND charge_minor > 0 AND charge_paid_at IS NULL
       AND status IN ('requested', 'approved', 'buyer_shipped', 'received');
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    INSERT INTO after_sales_events (request_id, status, what, actor)
    SELECT id, status, 'paid', 'shopper' FROM after_sales_requests WHERE id = req;
    RETURN true;
END
$$;

-- A variant's options in `lang` ("L / 黑"), falling back to Chinese; NULL
-- for a variant that no longer exists.
CREATE FUNCTION variant_label(variant bigint, lang text) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT string_agg(COALESCE(NULLIF(o.value->>lang, ''), o.value->>'zh-CN', ''), ' / '
                      ORDER BY o.n)
      FROM product_variants v, jsonb_array_elements(v.option_values) WITH ORDINALITY o(value, n)
     WHERE v.id = variant
$$;
