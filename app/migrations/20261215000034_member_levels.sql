-- Member levels (issue 19, third part): a shopper's level follows what
-- they paid for goods over a rolling window (refunded units excluded),
-- rises at once, and falls only after a grace period, unless the fall
-- comes from refunds. Staff may set a floor, with a reason (audited).
-- app/src/loyalty/db/levels.rs and docs/loyalty.md ("Member levels").

-- The levels and their benefits, one row each (the names are the ones
-- `users.level` already allows). Changed by staff, audited.
CREATE TABLE member_levels (
    level text PRIMARY KEY CHECK (level IN ('regular', 'silver', 'gold', 'vip')),
    rank smallint NOT NULL UNIQUE CHECK (rank BETWEEN 0 AND 3),
    -- Paid for goods over the window (minor units) to reach the level.
    threshold_minor bigint NOT NULL CHECK (threshold_minor >= 0),
    -- Points earned, in percent of the rule's (100: as the rule says).
    points_pct int NOT NULL DEFAULT 100 CHECK (points_pct BETWEEN 100 AND 1000),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- The lowest level is everybody's: nothing to reach.
    CHECK ((rank = 0) = (threshold_minor = 0))
);
INSERT INTO member_levels (level, rank, threshold_minor, points_pct) VALUES
    ('regular', 0, 0, 100),
    ('silver', 1, 100000, 120),
    ('gold', 2, 500000, 150),
    ('vip', 3, 2000000, 200);

-- How levels are kept: the window spend is summed over, and the days a
-- shopper keeps a level their spend no longer reaches.
CREATE TABLE member_level_rules (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    window_days int NOT NULL DEFAULT 365 CHECK (window_days BETWEEN 30 AND 730),
    grace_days int NOT NULL DEFAULT 30 CHECK (grace_days BETWEEN 0 AND 365)
);
INSERT INTO member_level_rules DEFAULT VALUES;

-- The floor staff set (NULL: none) and why; when the shopper's spend
-- first fell short of their level (the grace period runs from it); and
-- when the level was last worked out (the job takes the oldest first).
ALTER TABLE users
    ADD COLUMN level_floor text CHECK (level_floor IN ('silver', 'gold', 'vip')),
    ADD COLUMN level_floor_reason text CHECK (char_length(level_floor_reason) <= 200),
    ADD COLUMN level_short_since timestamptz,
    ADD COLUMN level_checked_at timestamptz;
-- A level staff set before floors existed is kept as one.
UPDATE users SET level_floor = level, level_floor_reason = 'set by staff'
 WHERE level <> 'regular';
CREATE INDEX users_level_checked ON users (level_checked_at NULLS FIRST)
    WHERE role = 'shopper';

-- Every change of a shopper's level, and why: the account page and staff
-- read it, and nothing is ever edited.
CREATE TABLE member_level_changes (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    from_level text NOT NULL,
    to_level text NOT NULL,
    cause text NOT NULL CHECK (cause IN ('reached', 'lapsed', 'refunded', 'floor')),
    -- The window's spend the change was worked out from.
    spend_minor bigint NOT NULL,
    staff_id bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX member_level_changes_user ON member_level_changes (user_id, id);

-- Each grant records the level bonus it was earned with, so a grant's
-- points can be traced to the rule version and the level's percent.
ALTER TABLE points_lots ADD COLUMN level_pct int NOT NULL DEFAULT 100;

-- What `user_id` paid for goods over the window ending at `now`, and the
-- same without refunds excluded (`gross`; a paid order cancelled later
-- was refunded too): a level lost to refunds goes at once, one lost to
-- time gets the grace period. Paid orders count from their payment, cash
-- on delivery from delivery (placing is not buying).
CREATE FUNCTION member_spend(uid bigint, at timestamptz, window_days int,
                             OUT net bigint, OUT gross bigint)
LANGUAGE sql STABLE AS $$
    SELECT COALESCE(sum(i.paid_minor * (i.qty - units_taken_back(i.id)) / i.qty), 0)::bigint,
           COALESCE(sum(i.paid_minor), 0)::bigint
      FROM orders o JOIN order_items i ON i.order_id = o.id
     WHERE o.user_id = uid AND i.qty > 0
       AND COALESCE(o.paid_at, o.delivered_at) IS NOT NULL
       AND COALESCE(o.paid_at, o.delivered_at) > at - make_interval(days => window_days)
       AND COALESCE(o.paid_at, o.delivered_at) <= at
$$;
