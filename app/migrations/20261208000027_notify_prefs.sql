-- Which messages a shopper gets where (issue 18). Messages about their own
-- orders and after-sales requests, and account e-mails (system), always
-- go; the rest follow these rows. Without a row: on, except promotions by
-- e-mail or SMS, which need the shopper's opt-in (marketing). The outbox
-- applies the same rule when a message is written (app::server::outbox::
-- enqueue), so no sender can forget it.
CREATE TABLE notification_prefs (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category text NOT NULL CHECK (category IN ('service', 'promotions')),
    channel text NOT NULL CHECK (channel IN ('email', 'inbox', 'sms')),
    enabled boolean NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, category, channel)
);
