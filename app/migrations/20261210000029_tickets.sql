-- Customer-service tickets (issue 18): a shopper's or a guest's question,
-- a thread of replies and private notes, a state machine repeated in every
-- UPDATE's WHERE clause (app/src/tickets/mod.rs), and SLA clocks per
-- priority that stop while the ticket waits on the customer.

-- How long the shop gives itself, per priority. Staff may edit it later;
-- a ticket's deadlines follow the current row (they are derived, never
-- stored), so a changed priority or policy applies at once.
CREATE TABLE ticket_sla (
    priority text PRIMARY KEY CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    first_response_minutes int NOT NULL CHECK (first_response_minutes > 0),
    resolve_minutes int NOT NULL CHECK (resolve_minutes > 0),
    CHECK (resolve_minutes >= first_response_minutes)
);
INSERT INTO ticket_sla (priority, first_response_minutes, resolve_minutes) VALUES
    ('urgent', 60, 480),
    ('high', 240, 1440),
    ('normal', 480, 2880),
    ('low', 1440, 7200);

CREATE SEQUENCE ticket_number_seq;

CREATE TABLE tickets (
    id bigserial PRIMARY KEY,
    -- Readable and unique, e.g. TK20261128-000042.
    number text NOT NULL UNIQUE,
    -- An account's ticket goes with the account when it is erased.
    user_id bigint REFERENCES users (id) ON DELETE CASCADE,
    -- A guest's address (an account's tickets use the account's).
    guest_email text CHECK (length(guest_email) <= 254),
    -- The form's key, prefixed with its owner: a double click or a retry
    -- finds the ticket already opened.
    idempotency_key text NOT NULL UNIQUE,
    -- The language the customer wrote in: a guest's messages use it.
    lang text NOT NULL CHECK (lang IN ('zh-CN', 'en')),
    category text NOT NULL CHECK (category IN ('order', 'after_sales', 'product', 'payment',
                                               'account', 'other')),
    priority text NOT NULL DEFAULT 'normal' REFERENCES ticket_sla (priority),
    status text NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'open', 'waiting', 'resolved', 'closed')),
    subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 120),
    order_id bigint REFERENCES orders (id) ON DELETE SET NULL,
    request_id bigint REFERENCES after_sales_requests (id) ON DELETE SET NULL,
    product_id bigint REFERENCES products (id) ON DELETE SET NULL,
    assignee_id bigint REFERENCES users (id) ON DELETE SET NULL,
    -- Times come from the shop's clock (injected), not now(): tests move it.
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    -- The first reply staff wrote to the customer (notes do not count).
    first_responded_at timestamptz,
    resolved_at timestamptz,
    closed_at timestamptz,
    -- While waiting on the customer the SLA clocks stop: when the wait
    -- began, and how long earlier waits lasted in all.
    paused_at timestamptz,
    paused_secs bigint NOT NULL DEFAULT 0 CHECK (paused_secs >= 0),
    rating smallint CHECK (rating BETWEEN 1 AND 5),
    rating_comment text CHECK (length(rating_comment) <= 500),
    rated_at timestamptz,
    CHECK (user_id IS NOT NULL OR guest_email IS NOT NULL),
    CHECK ((status = 'waiting') = (paused_at IS NOT NULL)),
    CHECK (rating IS NULL OR status IN ('resolved', 'closed'))
);
CREATE INDEX tickets_user_idx ON tickets (user_id, id DESC);
-- The queue: unfinished tickets, oldest first.
CREATE INDEX tickets_queue_idx ON tickets (status, id) WHERE status IN ('new', 'open', 'waiting');
CREATE INDEX tickets_assignee_idx ON tickets (assignee_id) WHERE assignee_id IS NOT NULL;

CREATE TABLE ticket_messages (
    id bigserial PRIMARY KEY,
    ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    -- 'note' is staff's private note: never shown to the customer.
    author text NOT NULL CHECK (author IN ('customer', 'staff', 'note')),
    author_id bigint REFERENCES users (id) ON DELETE SET NULL,
    body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    -- A reply sent twice (a retry, a double click) is written once.
    idempotency_key text UNIQUE,
    created_at timestamptz NOT NULL
);
CREATE INDEX ticket_messages_ticket_idx ON ticket_messages (ticket_id, id);

-- Answers staff reuse, per language, with {order_number} and {name}.
CREATE TABLE ticket_canned_replies (
    id bigserial PRIMARY KEY,
    lang text NOT NULL CHECK (lang IN ('zh-CN', 'en')),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
    body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    UNIQUE (lang, title)
);
INSERT INTO ticket_canned_replies (lang, title, body) VALUES
    ('zh-CN', '已发货', '{name}，您好！您的订单 {order_number} 已经发出，物流单号可在订单页面查看。'),
    ('zh-CN', '退款处理中', '{name}，您好！订单 {order_number} 的退款正在处理中，通常 1–3 个工作日到账。'),
    ('en', 'Shipped', 'Hello {name}, your order {order_number} is on its way; the tracking number is on the order page.'),
    ('en', 'Refund in progress', 'Hello {name}, the refund for order {order_number} is being processed and usually arrives within 1–3 working days.');

INSERT INTO permissions (code) VALUES ('ticket.work'), ('ticket.report');
INSERT INTO role_permissions (role, permission) VALUES
    ('super_admin', 'ticket.work'),
    ('super_admin', 'ticket.report'),
    ('operations_manager', 'ticket.work'),
    ('operations_manager', 'ticket.report'),
    ('customer_service', 'ticket.work');

-- A ticket's deadlines, derived from its priority's current minutes: the
-- first response counts from creation; the resolution also from creation,
-- pushed back by every finished wait on the customer (a wait in progress
-- stops the clocks: the state says 'paused').
CREATE FUNCTION ticket_first_response_due(t tickets) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
    SELECT t.created_at + make_interval(mins => s.first_response_minutes)
      FROM ticket_sla s WHERE s.priority = t.priority
$$;

CREATE FUNCTION ticket_resolve_due(t tickets) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
    SELECT t.created_at + make_interval(mins => s.resolve_minutes)
           + make_interval(secs => t.paused_secs::double precision)
      FROM ticket_sla s WHERE s.priority = t.priority
$$;

-- Where the ticket stands against its SLA at `now` (SlaState in
-- app/src/tickets/mod.rs).
CREATE FUNCTION ticket_sla_state(t tickets, now timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN t.status IN ('resolved', 'closed') THEN 'done'
        WHEN t.status = 'waiting' THEN 'paused'
        WHEN (t.first_responded_at IS NULL AND now > ticket_first_response_due(t))
          OR now > ticket_resolve_due(t) THEN 'overdue'
        ELSE 'on_time' END
$$;
