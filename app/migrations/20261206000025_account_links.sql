-- Account e-mails (issue 18): confirming the address after registration and
-- resetting a forgotten password, each through a link in an e-mail.

-- When the account's address was shown to be its owner's (a confirmation
-- link, or a password reset link, followed). NULL: not yet.
ALTER TABLE users ADD COLUMN email_confirmed_at timestamptz;

-- One link sent by e-mail. The link carries the row's id and an HMAC of it
-- under the `account_link_key` setting (app::accounts::links), so ids
-- cannot be guessed into links; the row makes it expire and work once.
-- `created_at` and `expires_at` are on the shop's injected clock (tests
-- move it), `used_at` too.
CREATE TABLE account_links (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose text NOT NULL CHECK (purpose IN ('confirm_email', 'password_reset')),
    -- The address it was sent to: a confirmation confirms that one only.
    email text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
    used_at timestamptz
);
-- Counting an account's recent links (at most a few an hour are sent).
CREATE INDEX account_links_user_idx ON account_links (user_id, purpose, created_at);
