-- The back office: an append-only audit log, stock movements with safety
-- levels, internal order notes and partial refunds, customer levels and
-- loyalty points, merchant replies to reviews, and a session index so that
-- disabling an account ends its sessions at once.

-- Membership levels and loyalty points get their own permission, so a role
-- can adjust points without being able to disable accounts.
INSERT INTO permissions (code) VALUES ('customer.edit');
INSERT INTO role_permissions (role, permission) VALUES
    ('super_admin', 'customer.edit'),
    ('operations_manager', 'customer.edit');

-- Every staff change: who, when, what (before and after) and from where.
-- actor_id has no foreign key on purpose: deleting a user must not rewrite
-- (or be blocked by) history, and the e-mail is kept as written then.
CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    actor_id bigint,
    actor_email text NOT NULL,
    action text NOT NULL,
    entity text NOT NULL,
    entity_id text,
    before jsonb,
    after jsonb,
    ip text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_created_idx ON audit_log (created_at DESC, id DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, created_at DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);

-- The application only ever inserts. The trigger makes that a rule of the
-- database too, so no code path (or SQL typed into a server function by
-- mistake) can change history.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Below this many units a SKU is "low" and shows on the dashboard.
ALTER TABLE product_variants
    ADD COLUMN safety_stock int NOT NULL DEFAULT 0 CHECK (safety_stock >= 0);
CREATE INDEX product_variants_low_idx ON product_variants (id) WHERE stock <= safety_stock;

-- Every manual stock change, with its reason and the level it left.
CREATE TABLE stock_movements (
    id bigserial PRIMARY KEY,
    variant_id bigint NOT NULL REFERENCES product_variants (id) ON DELETE CASCADE,
    delta int NOT NULL CHECK (delta <> 0),
    reason text NOT NULL CHECK (reason IN ('received', 'damaged', 'returned', 'correction',
                                           'stocktake', 'initial')),
    note text NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    stock_after int NOT NULL CHECK (stock_after >= 0),
    staff_id bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_movements_variant_idx ON stock_movements (variant_id, id DESC);

-- Notes staff leave on an order; never shown to the shopper.
CREATE TABLE order_notes (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    staff_id bigint REFERENCES users (id) ON DELETE SET NULL,
    body text NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_notes_order_idx ON order_notes (order_id, id);

-- Refunds asked for by staff, full or partial. A row is written (pending)
-- before the provider is asked, so money sent is never unrecorded: if the
-- provider call fails the row says so.
CREATE TABLE refunds (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    payment_id bigint NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
    amount_minor bigint NOT NULL CHECK (amount_minor > 0),
    reason text NOT NULL CHECK (length(reason) <= 200),
    status text NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
    staff_id bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refunds_order_idx ON refunds (order_id, id);

-- A paid order can now be refunded in part.
ALTER TABLE orders DROP CONSTRAINT orders_payment_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_payment_status_check
    CHECK (payment_status IN ('unpaid', 'paid', 'partially_refunded', 'refund_pending',
                              'refunded', 'cod_due', 'cod_collected'));
CREATE INDEX orders_created_idx ON orders (created_at DESC, id DESC);
CREATE INDEX orders_status_idx ON orders (status, created_at DESC);

-- Membership and loyalty points; points never go below zero, and every
-- change is in the ledger with its reason.
ALTER TABLE users
    ADD COLUMN level text NOT NULL DEFAULT 'regular' CHECK (level IN ('regular', 'silver', 'gold', 'vip')),
    ADD COLUMN points int NOT NULL DEFAULT 0 CHECK (points >= 0);
CREATE TABLE points_ledger (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    delta int NOT NULL CHECK (delta <> 0),
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    balance_after int NOT NULL CHECK (balance_after >= 0),
    staff_id bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX points_ledger_user_idx ON points_ledger (user_id, id DESC);

-- Reviews are published at once and moderated afterwards: the queue is
-- every review no one has looked at yet (moderated_at IS NULL); approving
-- keeps it published, hiding takes it down. The merchant's public answer is
-- shown under the review.
ALTER TABLE reviews
    ADD COLUMN moderated_at timestamptz,
    ADD COLUMN moderated_by bigint REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN reply text CHECK (length(reply) <= 1000),
    ADD COLUMN replied_at timestamptz;
-- Reviews written before the back office existed count as already seen.
UPDATE reviews SET moderated_at = created_at;
CREATE INDEX reviews_queue_idx ON reviews (created_at) WHERE moderated_at IS NULL;

-- Which stored sessions belong to which user. tower-sessions keeps the user
-- id inside an encoded blob, so this index is what lets "disable account"
-- delete every session of that user in the same transaction.
CREATE TABLE user_sessions (
    session_id text PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_sessions_user_idx ON user_sessions (user_id);

-- Search insights group by the normalised query.
CREATE INDEX search_queries_text_idx ON search_queries (lower(query), created_at DESC);
