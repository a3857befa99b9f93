-- Refunds that cannot pay out twice, and forged payment notifications kept
-- only in bounded form.

-- Every refund carries its own idempotency key, sent to the provider with
-- the request. A retry (the refund job, or a request whose answer was lost)
-- names the same key, so the provider makes that refund at most once.
-- Existing rows get a key each (the default is evaluated per row).
ALTER TABLE refunds
    ADD COLUMN idempotency_key text NOT NULL
        DEFAULT ('rfd_' || replace(gen_random_uuid()::text, '-', '')) UNIQUE;

-- The refund job looks for refunds still waiting on the provider.
CREATE INDEX refunds_pending_idx ON refunds (created_at) WHERE status = 'pending';

-- The sandbox provider's record of the refunds it made, by key: asked again
-- under a key it has seen, it answers "done" and moves no more money.
CREATE TABLE sandbox_refunds (
    idempotency_key text PRIMARY KEY,
    reference text NOT NULL REFERENCES sandbox_charges (reference) ON DELETE CASCADE,
    amount_minor bigint NOT NULL CHECK (amount_minor > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A provider outage, switched on deliberately (tests, demonstrations): the
-- sandbox refuses every refund of the charge while it is set.
ALTER TABLE sandbox_charges ADD COLUMN refunds_refused boolean NOT NULL DEFAULT false;

-- Notifications with a bad signature, counted per provider and hour. Only
-- the first few of each hour are kept in payment_notifications (with a
-- clipped body); the rest are only counted here, so a flood of forged
-- requests cannot fill the disk. The order jobs prune both after 30 days.
CREATE TABLE payment_notification_windows (
    provider text NOT NULL,
    window_start timestamptz NOT NULL,
    received int NOT NULL CHECK (received > 0),
    PRIMARY KEY (provider, window_start)
);
CREATE INDEX payment_notifications_unverified_idx ON payment_notifications (received_at)
    WHERE NOT verified;
