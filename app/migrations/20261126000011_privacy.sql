-- Privacy: consent records, account deletion with a cooling-off period,
-- and the erasure that follows it (app/src/privacy/db.rs). Orders stay for
-- the accounts; who placed them does not.

-- When the account's identity was erased. The row itself stays (orders,
-- reviews and the points ledger point at it); everything that named the
-- person is replaced, and pages show "deleted user" for it.
ALTER TABLE users ADD COLUMN erased_at timestamptz;
-- Erased accounts are left with deleted-<id>@deleted.invalid (the domain
-- is reserved and undeliverable). No live account may take an address
-- there, or it could hold the placeholder an erasure needs and block it.
-- NOT VALID: rows from before are not checked, new writes are.
ALTER TABLE users ADD CONSTRAINT users_erased_domain_check
    CHECK (erased_at IS NOT NULL OR lower(email) NOT LIKE '%@deleted.invalid') NOT VALID;

-- Consent to optional uses of personal data, as history: each grant or
-- withdrawal is a new row, and the newest row per purpose is the current
-- answer (no row = not given). Kept after erasure: it then names no one,
-- and it is the shop's record of having asked.
CREATE TABLE consents (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose text NOT NULL CHECK (purpose IN ('marketing', 'analytics')),
    -- The privacy policy's version the shopper saw when answering.
    policy_version text NOT NULL CHECK (length(policy_version) BETWEEN 1 AND 40),
    granted boolean NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consents_user_idx ON consents (user_id, purpose, id DESC);

-- History is never rewritten: an answer is changed by adding a row.
CREATE FUNCTION consents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'consents are append-only';
END $$;
CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents
    FOR EACH ROW EXECUTE FUNCTION consents_append_only();

-- Requests to delete an account. The erasure job takes a request once
-- due_at has passed, unless it was cancelled; at most one request per
-- account is open at a time.
CREATE TABLE account_deletions (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    requested_at timestamptz NOT NULL DEFAULT now(),
    due_at timestamptz NOT NULL,
    cancelled_at timestamptz,
    completed_at timestamptz,
    CHECK (due_at >= requested_at),
    CHECK (cancelled_at IS NULL OR completed_at IS NULL)
);
CREATE UNIQUE INDEX account_deletions_open_key ON account_deletions (user_id)
    WHERE cancelled_at IS NULL AND completed_at IS NULL;
CREATE INDEX account_deletions_due_idx ON account_deletions (due_at)
    WHERE cancelled_at IS NULL AND completed_at IS NULL;

-- An instant as the data download writes it: shop time (Asia/Shanghai,
-- as everywhere in the shop) in RFC 3339 with its offset.
CREATE FUNCTION privacy_time(t timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT to_char(t AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')
$$;

-- `t` with every needle (case-insensitive, as literal text) replaced by
-- "***". Needles shorter than two characters are skipped: replacing one
-- letter would wreck unrelated words. Used by the erasure on free texts
-- staff wrote about the customer (order notes, tracking scans, reasons).
CREATE FUNCTION privacy_scrub(t text, needles text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    n text;
BEGIN
    IF t IS NULL OR needles IS NULL THEN
        RETURN t;
    END IF;
    FOREACH n IN ARRAY needles LOOP
        IF n IS NOT NULL AND length(n) >= 2 THEN
            -- Every character that is not a letter or digit is escaped, so
            -- the needle matches itself only.
            t := regexp_replace(t, regexp_replace(n, '([^[:alnum:]])', '\\\1', 'g'), '***', 'gi');
        END IF;
    END LOOP;
    RETURN t;
END $$;

-- The same on every string inside a JSON value (keys are field names and
-- stay), so the result is always valid JSON.
CREATE FUNCTION privacy_scrub_jsonb(j jsonb, needles text[]) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    CASE jsonb_typeof(j)
        WHEN 'string' THEN
            RETURN to_jsonb(privacy_scrub(j #>> '{}', needles));
        WHEN 'object' THEN
            RETURN (SELECT COALESCE(jsonb_object_agg(e.key, privacy_scrub_jsonb(e.value, needles)), '{}'::jsonb)
                      FROM jsonb_each(j) AS e);
        WHEN 'array' THEN
            RETURN (SELECT COALESCE(jsonb_agg(privacy_scrub_jsonb(e.value, needles) ORDER BY e.n), '[]'::jsonb)
                      FROM jsonb_array_elements(j) WITH ORDINALITY AS e(value, n));
        ELSE
            RETURN j;
    END CASE;
END $$;

-- The audit log stays append-only, with one exception: the erasure of a
-- deleted account may rewrite the personal data inside entries (the
-- names, e-mails and addresses in label, before and after, and the
-- shopper's own e-mail and IP where they were the actor). It says so by
-- setting agora.erasure for its own transaction only (set_config(…, true)).
-- What happened, to what and when (action, entity, ids, time) can never
-- change, and nothing can be deleted.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Nested, not one AND: NEW does not exist for DELETE and TRUNCATE.
    IF TG_OP = 'UPDATE' AND current_setting('agora.erasure', true) = 'on' THEN
        IF NEW.id = OLD.id
           AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
           AND NEW.action = OLD.action
           AND NEW.entity = OLD.entity
           AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
           AND NEW.created_at = OLD.created_at THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END $$;

-- Staff views of personal data are logged; "recently viewed by this
-- person" is looked up by actor, action and entity.
CREATE INDEX audit_log_views_idx ON audit_log (actor_id, action, entity, entity_id, created_at DESC);
