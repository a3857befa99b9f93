-- Order risk review (issue 17): each new order is scored by rules, each
-- giving its reason; an order whose score reaches the threshold is held,
-- and cannot ship until staff release it (or cancel it) from the review
-- queue. Reviewing and editing the rules is its own permission.
INSERT INTO permissions (code) VALUES ('order.risk');
INSERT INTO role_permissions (role, permission) VALUES
    ('super_admin', 'order.risk'),
    ('operations_manager', 'order.risk');

-- The rules and the threshold: one row. A rule with 0 points is off. By
-- default no single rule holds an order (a family may well order five
-- times in an hour); two together do.
CREATE TABLE risk_policy (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    threshold int NOT NULL DEFAULT 100 CHECK (threshold BETWEEN 1 AND 1000),
    -- This many orders to one address within this many minutes.
    burst_points int NOT NULL DEFAULT 60 CHECK (burst_points BETWEEN 0 AND 1000),
    burst_orders int NOT NULL DEFAULT 5 CHECK (burst_orders BETWEEN 2 AND 1000),
    burst_minutes int NOT NULL DEFAULT 60 CHECK (burst_minutes BETWEEN 1 AND 10080),
    -- The buyer's cash-on-delivery orders cancelled (refused) before.
    cod_points int NOT NULL DEFAULT 60 CHECK (cod_points BETWEEN 0 AND 1000),
    cod_refusals int NOT NULL DEFAULT 2 CHECK (cod_refusals BETWEEN 1 AND 100),
    -- The share of the buyer's earlier paid orders with money given back.
    refund_points int NOT NULL DEFAULT 40 CHECK (refund_points BETWEEN 0 AND 1000),
    refund_percent int NOT NULL DEFAULT 50 CHECK (refund_percent BETWEEN 1 AND 100),
    refund_min_orders int NOT NULL DEFAULT 2 CHECK (refund_min_orders BETWEEN 1 AND 1000),
    -- An e-mail address at a throwaway domain.
    email_points int NOT NULL DEFAULT 40 CHECK (email_points BETWEEN 0 AND 1000),
    disposable_domains text[] NOT NULL DEFAULT ARRAY[
        'mailinator.com', 'guerrillamail.com', '10minutemail.com', 'temp-mail.org',
        'yopmail.com', 'trashmail.com', 'sharklasers.com', 'getnada.com']
        CHECK (cardinality(disposable_domains) <= 200)
);
INSERT INTO risk_policy DEFAULT VALUES;

-- 'none': not held; 'held': waits for review; 'released': staff let it
-- ship; 'rejected': staff cancelled it. A held order cannot be on its way:
-- the CHECK says so whatever writes the row (the ship UPDATE also repeats
-- it in its WHERE clause, to answer with a message).
ALTER TABLE orders
    ADD COLUMN risk_score int NOT NULL DEFAULT 0,
    ADD COLUMN risk_hold text NOT NULL DEFAULT 'none'
        CHECK (risk_hold IN ('none', 'held', 'released', 'rejected')),
    ADD CONSTRAINT orders_held_cannot_ship
        CHECK (risk_hold <> 'held' OR status IN ('pending_payment', 'awaiting_shipment', 'cancelled'));
CREATE INDEX orders_held_idx ON orders (created_at) WHERE risk_hold = 'held';

-- Why: one row per rule that fired, with what it saw (orders to the
-- address, earlier refusals, the refund percentage; 0 for the e-mail).
CREATE TABLE order_risk_reasons (
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    rule text NOT NULL CHECK (rule IN ('address_burst', 'cod_refused', 'refund_rate', 'disposable_email')),
    points int NOT NULL CHECK (points >= 0),
    observed int NOT NULL,
    PRIMARY KEY (order_id, rule)
);

-- An address as the burst rule compares it: region and street, lower
-- case, without spaces or punctuation ("上海市 静安区" = "上海市静安区").
CREATE FUNCTION risk_address(ship_to jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(regexp_replace(COALESCE(ship_to->>'region', '') || COALESCE(ship_to->>'line1', ''),
                                '[[:space:][:punct:]]', '', 'g'))
$$;
