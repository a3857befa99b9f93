-- Notifications (issue 18): who reads which language, and the in-app inbox.

-- The language a shopper last used to register, sign in or buy: their
-- e-mails and SMS are written in it.
ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'zh-CN'
    CHECK (locale IN ('zh-CN', 'en'));

-- The in-app inbox (站内信). The outbox worker writes a row per inbox
-- message in the same transaction that marks the outbox row sent, so a
-- message appears exactly once. The text is not stored: it is written
-- from `event` and `payload` in the reader's language when shown.
CREATE TABLE inbox_messages (
    id bigserial PRIMARY KEY,
    outbox_id bigint UNIQUE REFERENCES outbox (id) ON DELETE SET NULL,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category text NOT NULL
        CHECK (category IN ('orders', 'after_sales', 'service', 'promotions', 'system')),
    event text NOT NULL CHECK (event ~ '^[a-z_]{2,60}$'),
    payload jsonb NOT NULL DEFAULT '{}',
    read_at timestamptz,
    created_at timestamptz NOT NULL
);
CREATE INDEX inbox_messages_user_idx ON inbox_messages (user_id, id DESC);
-- The header's badge counts these.
CREATE INDEX inbox_messages_unread_idx ON inbox_messages (user_id) WHERE read_at IS NULL;
