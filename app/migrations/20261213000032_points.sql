-- Loyalty points (issue 19, first part): points earned on what was paid
-- for goods, pending until the order's return window closes, spendable
-- after, expiring first in, first out. app/src/loyalty and docs/loyalty.md.

-- The earning rules, one version per change: a row is never edited, so
-- every grant names the version it was computed with, and a reversal
-- takes back what was granted, not what today's rules would give.
CREATE TABLE points_rules (
    id bigserial PRIMARY KEY,
    -- Points for each whole unit of money (100 minor units, ¥1) paid for
    -- goods after discounts, shipping excluded.
    earn_per_unit int NOT NULL CHECK (earn_per_unit BETWEEN 0 AND 100),
    -- Days points stay spendable once available.
    expire_days int NOT NULL CHECK (expire_days BETWEEN 30 AND 3650),
    -- Days before expiry the shopper is told.
    warn_days int NOT NULL CHECK (warn_days BETWEEN 1 AND 90),
    staff_id bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (warn_days < expire_days)
);
INSERT INTO points_rules (earn_per_unit, expire_days, warn_days) VALUES (1, 365, 30);

-- A grant of points: one per order line (earned), or one per positive
-- adjustment by staff. Pending until the line's return window has closed
-- with no after-sales request open on it; then available, and spent or
-- expired first in, first out. `users.points` is always the sum of
-- `remaining` over available grants.
CREATE TABLE points_lots (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    order_item_id bigint UNIQUE REFERENCES order_items (id) ON DELETE SET NULL,
    rule_id bigint NOT NULL REFERENCES points_rules (id),
    points int NOT NULL CHECK (points > 0),
    -- Taken back while pending (units cancelled or refunded).
    cancelled int NOT NULL DEFAULT 0,
    -- Still spendable (available grants only).
    remaining int NOT NULL DEFAULT 0,
    status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'available', 'cancelled', 'expired')),
    earned_at timestamptz NOT NULL,
    available_at timestamptz,
    expires_at timestamptz,
    CHECK (cancelled BETWEEN 0 AND points),
    CHECK (remaining BETWEEN 0 AND points - cancelled),
    CHECK (status = 'available' OR remaining = 0),
    CHECK ((status IN ('available', 'expired')) = (expires_at IS NOT NULL))
);
CREATE INDEX points_lots_user_idx ON points_lots (user_id, id);
CREATE INDEX points_lots_pending_idx ON points_lots (id) WHERE status = 'pending';
CREATE INDEX points_lots_expiring_idx ON points_lots (expires_at)
    WHERE status = 'available' AND remaining > 0;

-- Balances from before grants existed become one available grant each.
INSERT INTO points_lots (user_id, rule_id, points, remaining, status, earned_at, available_at,
                         expires_at)
SELECT u.id, r.id, u.points, u.points, 'available', now(), now(),
       now() + make_interval(days => r.expire_days)
  FROM users u CROSS JOIN (SELECT id, expire_days FROM points_rules ORDER BY id LIMIT 1) r
 WHERE u.points > 0;

-- The ledger of the spendable balance: append-only. Each entry says what
-- moved it (earn: a grant became available; spend; expire; adjust: staff,
-- with a reason; reverse: a refund took back part of an available grant),
-- the grant, the order line and the rule version behind it, and a key
-- that a retry or a second job runner finds already written.
ALTER TABLE points_ledger
    ADD COLUMN kind text NOT NULL DEFAULT 'adjust'
        CHECK (kind IN ('earn', 'spend', 'expire', 'adjust', 'reverse')),
    ADD COLUMN lot_id bigint REFERENCES points_lots (id) ON DELETE SET NULL,
    ADD COLUMN order_item_id bigint REFERENCES order_items (id) ON DELETE SET NULL,
    ADD COLUMN rule_id bigint REFERENCES points_rules (id),
    ADD COLUMN key text UNIQUE,
    ALTER COLUMN reason DROP NOT NULL,
    ADD CONSTRAINT points_ledger_reason CHECK (kind <> 'adjust' OR reason IS NOT NULL);
