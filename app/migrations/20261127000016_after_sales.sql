-- After-sales (售后, issue 17): requests to refund, return, exchange or
-- repair units of an order line, their reasons, timeline and deadlines.

-- The shop's after-sales policy: one row. Deadlines are in days; each
-- state's deadline is set from here when the request enters that state.
CREATE TABLE after_sales_policy (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    -- The return window (七天无理由退货) from delivery, unless the
    -- product's category sets its own.
    return_days int NOT NULL DEFAULT 7 CHECK (return_days BETWEEN 0 AND 365),
    -- How long after delivery repairs are accepted.
    warranty_days int NOT NULL DEFAULT 365 CHECK (warranty_days BETWEEN 0 AND 3650),
    -- The merchant answers a new request within this many days, or it is
    -- approved for them.
    answer_days int NOT NULL DEFAULT 2 CHECK (answer_days BETWEEN 1 AND 30),
    -- The shopper ships an approved return within this many days, or the
    -- request is closed.
    ship_days int NOT NULL DEFAULT 7 CHECK (ship_days BETWEEN 1 AND 60),
    -- The merchant confirms a shipped return within this many days, or it
    -- is received and refunded for them.
    receive_days int NOT NULL DEFAULT 10 CHECK (receive_days BETWEEN 1 AND 60)
);
INSERT INTO after_sales_policy DEFAULT VALUES;

-- A category may set its own return window and refuse change-of-mind
-- returns (food once opened, made to measure); a product may refuse them
-- too. Subcategories follow the nearest category that says.
ALTER TABLE categories
    ADD COLUMN return_days int CHECK (return_days BETWEEN 0 AND 365),
    ADD COLUMN no_change_of_mind boolean NOT NULL DEFAULT false;
ALTER TABLE products ADD COLUMN no_change_of_mind boolean NOT NULL DEFAULT false;

-- The return window of a category (its own, else its nearest ancestor's,
-- else NULL for the shop's) and whether it or an ancestor refuses
-- change-of-mind returns.
CREATE FUNCTION category_return_policy(cat bigint, OUT return_days int, OUT no_change_of_mind boolean)
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE up AS (
        SELECT id, parent_id, return_days, no_change_of_mind, 0 AS depth
          FROM categories WHERE id = cat
        UNION ALL
        SELECT c.id, c.parent_id, c.return_days, c.no_change_of_mind, up.depth + 1
          FROM categories c JOIN up ON c.id = up.parent_id
         WHERE up.depth < 20)
    SELECT (SELECT u.return_days FROM up u WHERE u.return_days IS NOT NULL ORDER BY u.depth LIMIT 1),
           COALESCE(bool_or(up.no_change_of_mind), false)
      FROM up
$$;

-- Why a shopper asks. The fault decides who pays the return shipping and
-- whether shipping is refunded; some reasons need photos.
CREATE TABLE after_sales_reasons (
    id bigserial PRIMARY KEY,
    code text NOT NULL UNIQUE CHECK (code ~ '^[a-z_]{2,40}$'),
    fault text NOT NULL CHECK (fault IN ('seller', 'change_of_mind')),
    photos_required int NOT NULL DEFAULT 0 CHECK (photos_required BETWEEN 0 AND 5),
    name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 60),
    name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 60),
    active boolean NOT NULL DEFAULT true,
    position int NOT NULL DEFAULT 0
);
INSERT INTO after_sales_reasons (code, fault, name_zh, name_en, position) VALUES
    ('changed_mind', 'change_of_mind', '不想要了（七天无理由）', 'Changed my mind (7-day return)', 10),
    ('wrong_size', 'change_of_mind', '尺码或颜色不合适', 'Wrong size or colour for me', 20),
    ('damaged', 'seller', '商品破损', 'Arrived damaged', 30),
    ('not_as_described', 'seller', '与描述不符', 'Not as described', 40),
    ('wrong_item', 'seller', '发错货', 'Wrong item sent', 50),
    ('quality', 'seller', '质量问题', 'Quality problem', 60),
    ('not_received', 'seller', '未收到货', 'Never arrived', 70);

CREATE SEQUENCE after_sales_number_seq;

CREATE TABLE after_sales_requests (
    id bigserial PRIMARY KEY,
    -- Readable and unique, e.g. AS20261127-000042.
    number text NOT NULL UNIQUE,
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    user_id bigint REFERENCES users (id) ON DELETE SET NULL,
    -- The form's key, prefixed with its owner: a double click or a retry
    -- finds the request already opened.
    idempotency_key text NOT NULL UNIQUE,
    kind text NOT NULL CHECK (kind IN ('refund_only', 'return_refund', 'exchange', 'repair')),
    status text NOT NULL CHECK (status IN ('requested', 'approved', 'refused', 'withdrawn',
                                           'buyer_shipped', 'received', 'refunded',
                                           'exchanged', 'repaired')),
    reason_id bigint NOT NULL REFERENCES after_sales_reasons (id),
    -- The reason's fault when the request was opened (editing reasons never
    -- rewrites history).
    fault text NOT NULL CHECK (fault IN ('seller', 'change_of_mind')),
    note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    -- What the calculator offered when the request was opened
    -- (app/src/aftersales/refund.rs); zero for exchanges and repairs.
    refund_minor bigint NOT NULL DEFAULT 0 CHECK (refund_minor >= 0),
    currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- When the current state's time runs out; NULL once final.
    deadline_at timestamptz,
    -- The merchant may extend a deadline once, with a reason.
    extended_reason text CHECK (length(extended_reason) <= 200),
    return_carrier text CHECK (length(return_carrier) <= 40),
    return_tracking text CHECK (length(return_tracking) <= 40),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX after_sales_requests_order_idx ON after_sales_requests (order_id);
CREATE INDEX after_sales_requests_user_idx ON after_sales_requests (user_id, id DESC);
CREATE INDEX after_sales_requests_due_idx ON after_sales_requests (deadline_at)
    WHERE deadline_at IS NOT NULL;

-- The units of each line a request covers.
CREATE TABLE after_sales_items (
    request_id bigint NOT NULL REFERENCES after_sales_requests (id) ON DELETE CASCADE,
    order_item_id bigint NOT NULL REFERENCES order_items (id) ON DELETE CASCADE,
    qty int NOT NULL CHECK (qty > 0),
    -- What the request gives back for these units (goods, and shipping
    -- when it goes back too); later requests on the line are capped by
    -- what earlier ones still holding units were given.
    goods_minor bigint NOT NULL DEFAULT 0 CHECK (goods_minor >= 0),
    shipping_minor bigint NOT NULL DEFAULT 0 CHECK (shipping_minor >= 0),
    PRIMARY KEY (request_id, order_item_id)
);
CREATE INDEX after_sales_items_line_idx ON after_sales_items (order_item_id);

-- Whether a request's units still count against its line
-- (RequestStatus::holds in app/src/aftersales/mod.rs; a database test
-- checks the two agree).
CREATE FUNCTION after_sales_holds(kind text, status text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN status IN ('refused', 'withdrawn', 'exchanged', 'repaired') THEN false
        WHEN status = 'refunded' THEN kind IN ('refund_only', 'return_refund')
        ELSE true END
$$;

-- The timeline both sides see.
CREATE TABLE after_sales_events (
    id bigserial PRIMARY KEY,
    request_id bigint NOT NULL REFERENCES after_sales_requests (id) ON DELETE CASCADE,
    status text NOT NULL,
    actor text NOT NULL CHECK (actor IN ('shopper', 'system', 'staff')),
    note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX after_sales_events_request_idx ON after_sales_events (request_id, id);
