-- The coupon wallet (issue 19, fourth part): coupons held by shoppers.
-- docs/loyalty.md ("Coupon wallet"), docs/promotions.md.

-- Who may use a coupon, beside its code: only shoppers holding it in their
-- wallet, only members of a level and above, and how long a copy put in a
-- wallet stays valid; and whether shoppers may claim a copy themselves on
-- their account page. A coupon without a row here is anyone's who types it.
CREATE TABLE coupon_terms (
    promotion_id bigint PRIMARY KEY REFERENCES promotions (id) ON DELETE CASCADE,
    wallet_only boolean NOT NULL DEFAULT false,
    min_level text REFERENCES member_levels (level),
    claimable boolean NOT NULL DEFAULT false,
    -- NULL: valid as long as the coupon runs.
    valid_days integer CHECK (valid_days BETWEEN 1 AND 366),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One coupon in one shopper's wallet. `grant_key` makes giving it
-- idempotent: one per staff issue (its form's key), per birthday year, one
-- claim ('claim') per shopper and coupon. An order that uses it sets `order_id`; cancelling the order gives
-- it back.
CREATE TABLE coupon_grants (
    id bigserial PRIMARY KEY,
    promotion_id bigint NOT NULL REFERENCES promotions (id) ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    source text NOT NULL CHECK (source IN ('issued', 'segment', 'claimed', 'birthday')),
    grant_key text NOT NULL CHECK (length(grant_key) BETWEEN 1 AND 100),
    issued_by bigint REFERENCES users (id) ON DELETE SET NULL,
    reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
    issued_at timestamptz NOT NULL,
    valid_until timestamptz,
    order_id bigint REFERENCES orders (id),
    used_at timestamptz,
    CHECK ((order_id IS NULL) = (used_at IS NULL)),
    UNIQUE (promotion_id, user_id, grant_key)
);
CREATE INDEX coupon_grants_user ON coupon_grants (user_id, issued_at DESC);
CREATE INDEX coupon_grants_order ON coupon_grants (order_id) WHERE order_id IS NOT NULL;

-- A shopper's birthday, month and day only (the year is never asked), for
-- the birthday coupon. Both or neither.
ALTER TABLE users
    ADD COLUMN birth_month smallint CHECK (birth_month BETWEEN 1 AND 12),
    ADD COLUMN birth_day smallint CHECK (birth_day BETWEEN 1 AND 31),
    ADD CONSTRAINT users_birthday_check CHECK (
        (birth_month IS NULL) = (birth_day IS NULL)
        AND (birth_day IS NULL OR birth_day <= CASE WHEN birth_month = 2 THEN 29
                                                    WHEN birth_month IN (4, 6, 9, 11) THEN 30
                                                    ELSE 31 END));

-- The birthday coupon: which coupon (NULL: none) and how many days before
-- the birthday it is put in the wallet (0: on the day). One row.
CREATE TABLE birthday_coupon (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    promotion_id bigint REFERENCES promotions (id) ON DELETE SET NULL,
    days_before integer NOT NULL DEFAULT 0 CHECK (days_before BETWEEN 0 AND 30),
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO birthday_coupon DEFAULT VALUES;

-- A birthday in `year`: 29 February is the 28th in other years.
CREATE FUNCTION birthday_in(year int, m int, d int) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT make_date(year, m, CASE WHEN m = 2 AND d = 29
                                    AND NOT ((year % 4 = 0 AND year % 100 <> 0) OR year % 400 = 0)
                               THEN 28 ELSE d END)
$$;
-- Once a year whichever coupon is the birthday one.
CREATE UNIQUE INDEX coupon_grants_birthday ON coupon_grants (user_id, grant_key)
    WHERE source = 'birthday';
