-- The purchase: signed-in carts, promotions, orders with their state machine,
-- payments (a sandbox provider and cash on delivery), tracking, and reviews
-- tied to what was bought. Money is integer minor units plus a currency code.

-- A signed-in shopper's cart. Guests keep theirs in the browser and it is
-- merged in here at sign-in. `seen_price_minor` is the price when the line
-- was added, so the cart can say that a price changed since.
CREATE TABLE cart_items (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    variant_id bigint NOT NULL REFERENCES product_variants (id) ON DELETE CASCADE,
    qty int NOT NULL CHECK (qty BETWEEN 1 AND 99),
    seen_price_minor bigint NOT NULL CHECK (seen_price_minor >= 0),
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, variant_id)
);

-- Promotions of four kinds; the engine (app/src/promotions/engine.rs) reads
-- them and docs/promotions.md states the stacking rules.
--   coupon:       a code; percent_off, amount_off_minor or free_shipping.
--   threshold:    满减, tiers [{"min_minor":30000,"off_minor":5000}, …].
--   sale:         限时折扣 on product_ids / category_ids; percent or amount per unit.
--   new_customer: automatic for an account with no order yet.
CREATE TABLE promotions (
    id bigserial PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('coupon', 'threshold', 'sale', 'new_customer')),
    -- Coupon codes are stored upper-case; the shopper may type any case.
    code text UNIQUE CHECK (code = upper(code)),
    -- {"zh-CN": "…", "en": "…"}: the label on every discount line.
    name jsonb NOT NULL,
    percent_off int CHECK (percent_off BETWEEN 1 AND 100),
    amount_off_minor bigint CHECK (amount_off_minor > 0),
    free_shipping boolean NOT NULL DEFAULT false,
    tiers jsonb,
    min_spend_minor bigint NOT NULL DEFAULT 0 CHECK (min_spend_minor >= 0),
    currency text NOT NULL DEFAULT 'CNY' CHECK (currency ~ '^[A-Z]{3}$'),
    product_ids bigint[] NOT NULL DEFAULT '{}',
    category_ids bigint[] NOT NULL DEFAULT '{}',
    -- A coupon with false here counts only full-price lines.
    applies_to_sale_items boolean NOT NULL DEFAULT true,
    starts_at timestamptz,
    ends_at timestamptz,
    -- Limits. used_count is kept only for promotions with a limit, by the
    -- placing transaction under the row lock, so it can never pass the limit.
    usage_limit int CHECK (usage_limit > 0),
    used_count int NOT NULL DEFAULT 0 CHECK (used_count >= 0),
    per_customer_limit int CHECK (per_customer_limit > 0),
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (usage_limit IS NULL OR used_count <= usage_limit),
    CHECK ((kind = 'coupon') = (code IS NOT NULL)),
    CHECK (kind <> 'threshold' OR jsonb_typeof(tiers) = 'array')
);
CREATE INDEX promotions_automatic_idx ON promotions (kind) WHERE active AND kind <> 'coupon';

-- Readable, unique order numbers: date plus a sequence, e.g. 20261122-000042.
CREATE SEQUENCE order_number_seq;

-- The order state machine (app/src/orders/mod.rs, OrderStatus::can_become):
--   pending_payment → awaiting_shipment (paid) | cancelled
--   awaiting_shipment → shipped | cancelled (refunded when paid)
--   shipped → delivered | completed (receipt confirmed)
--   delivered → completed (by the shopper or automatically after N days)
CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    number text NOT NULL UNIQUE,
    user_id bigint REFERENCES users (id) ON DELETE SET NULL,
    guest_email text,
    -- The client's key for this checkout, prefixed with its owner, so a
    -- double click or a retry finds the order already placed.
    idempotency_key text NOT NULL UNIQUE,
    status text NOT NULL CHECK (status IN ('pending_payment', 'awaiting_shipment', 'shipped',
                                           'delivered', 'completed', 'cancelled')),
    payment_method text NOT NULL CHECK (payment_method IN ('sandbox', 'cod')),
    payment_status text NOT NULL CHECK (payment_status IN ('unpaid', 'paid', 'refund_pending',
                                                           'refunded', 'cod_due', 'cod_collected')),
    currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- Merchandise at list price, what sales took off it, order-level discounts,
    -- shipping (after any free-shipping coupon) and the total actually charged.
    list_minor bigint NOT NULL CHECK (list_minor >= 0),
    sale_savings_minor bigint NOT NULL CHECK (sale_savings_minor >= 0),
    discount_minor bigint NOT NULL CHECK (discount_minor >= 0),
    shipping_minor bigint NOT NULL CHECK (shipping_minor >= 0),
    total_minor bigint NOT NULL CHECK (total_minor >= 0),
    shipping_method text NOT NULL,
    -- A copy of the address, so editing the address book never rewrites history.
    ship_to jsonb NOT NULL,
    coupon_code text,
    lang text NOT NULL DEFAULT 'zh-CN',
    carrier text,
    tracking_number text,
    cancel_reason text,
    created_at timestamptz NOT NULL DEFAULT now(),
    paid_at timestamptz,
    shipped_at timestamptz,
    delivered_at timestamptz,
    completed_at timestamptz,
    cancelled_at timestamptz,
    CHECK (user_id IS NOT NULL OR guest_email IS NOT NULL)
);
CREATE INDEX orders_user_idx ON orders (user_id, created_at DESC);
CREATE INDEX orders_guest_email_idx ON orders (lower(guest_email)) WHERE guest_email IS NOT NULL;
-- The background jobs look only at these.
CREATE INDEX orders_unpaid_idx ON orders (created_at) WHERE status = 'pending_payment';
CREATE INDEX orders_delivered_idx ON orders (delivered_at) WHERE status = 'delivered';

-- What was bought, at the prices actually paid. Names are copied in the
-- order's language so a renamed or deleted product leaves the order intact.
CREATE TABLE order_items (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    variant_id bigint REFERENCES product_variants (id) ON DELETE SET NULL,
    product_id bigint REFERENCES products (id) ON DELETE SET NULL,
    sku text NOT NULL,
    name text NOT NULL,
    options text NOT NULL DEFAULT '',
    image_id bigint REFERENCES images (id) ON DELETE SET NULL,
    qty int NOT NULL CHECK (qty > 0),
    unit_minor bigint NOT NULL CHECK (unit_minor >= 0),
    sale_unit_minor bigint NOT NULL CHECK (sale_unit_minor >= 0 AND sale_unit_minor <= unit_minor),
    -- This line's share of the order-level discounts.
    discount_minor bigint NOT NULL CHECK (discount_minor >= 0),
    paid_minor bigint NOT NULL CHECK (paid_minor >= 0),
    CHECK (paid_minor = sale_unit_minor * qty - discount_minor)
);
CREATE INDEX order_items_order_idx ON order_items (order_id);
CREATE INDEX order_items_product_idx ON order_items (product_id);

-- Units sold, waiting to be added to products.sales_count. Placing and
-- cancelling orders only insert here (a product row is wide and indexed for
-- search, so updating it in every order would make popular products a
-- bottleneck); the order jobs fold the rows into sales_count.
CREATE TABLE product_sales_deltas (
    id bigserial PRIMARY KEY,
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    qty int NOT NULL
);

-- Every discount line the shopper saw, with its label at the time.
CREATE TABLE order_discounts (
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    promotion_id bigint REFERENCES promotions (id) ON DELETE SET NULL,
    kind text NOT NULL,
    label text NOT NULL,
    amount_minor bigint NOT NULL CHECK (amount_minor >= 0)
);
CREATE INDEX order_discounts_order_idx ON order_discounts (order_id);

-- Uses of a promotion by an order; released when the order is cancelled,
-- which gives the use back. Per-customer limits count unreleased rows.
CREATE TABLE promotion_redemptions (
    promotion_id bigint NOT NULL REFERENCES promotions (id) ON DELETE CASCADE,
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    user_id bigint REFERENCES users (id) ON DELETE SET NULL,
    email text,
    released_at timestamptz,
    PRIMARY KEY (promotion_id, order_id)
);
CREATE INDEX promotion_redemptions_user_idx ON promotion_redemptions (promotion_id, user_id) WHERE released_at IS NULL;
CREATE INDEX promotion_redemptions_email_idx ON promotion_redemptions (promotion_id, lower(email)) WHERE released_at IS NULL;

-- The status timeline the shopper sees.
CREATE TABLE order_events (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    status text NOT NULL,
    -- Who caused it: shopper, system (jobs, payment notifications) or staff.
    actor text NOT NULL CHECK (actor IN ('shopper', 'system', 'staff')),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_events_order_idx ON order_events (order_id, id);

-- Carrier scans after shipment (the back office adds them).
CREATE TABLE tracking_events (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    happened_at timestamptz NOT NULL DEFAULT now(),
    location text NOT NULL DEFAULT '',
    description text NOT NULL
);
CREATE INDEX tracking_events_order_idx ON tracking_events (order_id, happened_at DESC);

-- One row per attempt to pay an order through a provider.
CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    provider text NOT NULL CHECK (provider IN ('sandbox', 'cod')),
    provider_ref text NOT NULL UNIQUE,
    amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
    currency text NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'cancelled',
                                           'refund_pending', 'refunded')),
    refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= amount_minor),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_order_idx ON payments (order_id);
CREATE INDEX payments_refund_idx ON payments (updated_at) WHERE status = 'refund_pending';

-- Every notification received, verified or not: a repeated event id is a
-- no-op, and a forged one stays on record.
CREATE TABLE payment_notifications (
    id bigserial PRIMARY KEY,
    provider text NOT NULL,
    event_id text NOT NULL,
    verified boolean NOT NULL,
    body text NOT NULL,
    outcome text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
-- Only verified events are deduplicated; forged ones may repeat any id.
CREATE UNIQUE INDEX payment_notifications_event_key ON payment_notifications (provider, event_id) WHERE verified;

-- The sandbox provider's own books. In production this state would live at
-- the provider; here it shares the one store but is only touched by
-- app/src/payments/sandbox.rs, as a real provider's API would be.
CREATE TABLE sandbox_charges (
    reference text PRIMARY KEY,
    merchant_order text NOT NULL,
    amount_minor bigint NOT NULL,
    currency text NOT NULL,
    return_url text NOT NULL,
    notify_url text NOT NULL,
    status text NOT NULL CHECK (status IN ('open', 'paid', 'failed', 'cancelled', 'refunded')),
    refunded_minor bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Secrets shared by every instance (e.g. the sandbox HMAC key), created on
-- first start so two servers sign and verify with the same key.
CREATE TABLE settings (
    key text PRIMARY KEY,
    value text NOT NULL
);

-- Reviews tied to what was bought: one per order line, a verified badge,
-- photos and "helpful" votes.
ALTER TABLE reviews
    ADD COLUMN order_item_id bigint UNIQUE REFERENCES order_items (id) ON DELETE SET NULL,
    ADD COLUMN verified boolean NOT NULL DEFAULT false,
    ADD COLUMN helpful_count int NOT NULL DEFAULT 0 CHECK (helpful_count >= 0);
CREATE INDEX reviews_product_rating_idx ON reviews (product_id, rating, created_at DESC) WHERE status = 'published';

CREATE TABLE review_photos (
    review_id bigint NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    image_id bigint NOT NULL REFERENCES images (id),
    position int NOT NULL,
    PRIMARY KEY (review_id, position)
);

CREATE TABLE review_votes (
    review_id bigint NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (review_id, user_id)
);
