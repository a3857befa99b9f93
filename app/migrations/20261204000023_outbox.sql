-- The outbox (DESIGN 4b; issue 18). A change that must tell someone (an
-- e-mail, an in-app message, an SMS) writes a row here in its own
-- transaction, so a change that rolls back leaves no message. A worker
-- claims due rows with FOR UPDATE SKIP LOCKED, sends them, and retries with
-- a growing delay; a row that keeps failing is parked as 'dead' for staff
-- to retry or discard.
CREATE TABLE outbox (
    id bigserial PRIMARY KEY,
    -- One message per recipient, event and channel: "order:A1:shipped:email:7".
    -- Writing the same key again (a retried change) adds nothing.
    key text NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 200),
    -- What happened, e.g. 'order_shipped' (the template's name).
    event text NOT NULL CHECK (event ~ '^[a-z_]{2,60}$'),
    channel text NOT NULL CHECK (channel IN ('email', 'inbox', 'sms')),
    -- What it is about: the inbox's tabs and the shopper's preferences.
    category text NOT NULL
        CHECK (category IN ('orders', 'after_sales', 'service', 'promotions', 'system')),
    -- The account told, or NULL for a guest reached at `address`.
    user_id bigint REFERENCES users (id) ON DELETE CASCADE,
    -- E-mail address or phone number; empty for the in-app inbox.
    address text NOT NULL DEFAULT '' CHECK (length(address) <= 320),
    -- The recipient's language when the change was made.
    locale text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
    -- The template's variables (order number, tracking number, amounts).
    payload jsonb NOT NULL DEFAULT '{}',
    status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sent', 'dead', 'discarded')),
    attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- When the worker may try it (again), on the shop's clock; a new
    -- message is due at once, whatever that clock says.
    due_at timestamptz NOT NULL DEFAULT '-infinity',
    last_error text CHECK (length(last_error) <= 1000),
    sent_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
-- What the worker looks at: pending rows, oldest due first.
CREATE INDEX outbox_due_idx ON outbox (due_at) WHERE status = 'pending';
CREATE INDEX outbox_dead_idx ON outbox (id DESC) WHERE status = 'dead';
