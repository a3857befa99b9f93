-- After-sales settings in the back office (issue 17): the policy's
-- deadlines and return address, the reasons shoppers choose from (in both
-- languages), and rules that approve new requests without waiting for
-- staff. Changing them is its own permission: deciding requests is not
-- setting the rules for them.
INSERT INTO permissions (code) VALUES ('aftersales.configure');
INSERT INTO role_permissions (role, permission) VALUES
    ('super_admin', 'aftersales.configure'),
    ('operations_manager', 'aftersales.configure');

-- Reasons added in the back office get a code of their own
-- ('reason_' and their id), so the code may hold digits.
ALTER TABLE after_sales_reasons DROP CONSTRAINT after_sales_reasons_code_check;
ALTER TABLE after_sales_reasons ADD CONSTRAINT after_sales_reasons_code_check
    CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$');

-- A rule approves a new request when every condition it sets holds; a
-- condition left NULL (or false) does not restrict. Any one active rule
-- that matches is enough.
CREATE TABLE after_sales_auto_rules (
    id bigserial PRIMARY KEY,
    active boolean NOT NULL DEFAULT true,
    -- Only this kind of request.
    kind text CHECK (kind IN ('refund_only', 'return_refund', 'exchange', 'repair')),
    -- Only requests offering at most this much back.
    max_refund_minor bigint CHECK (max_refund_minor >= 0),
    -- Only customers at this level or above (regular < silver < gold < vip).
    min_level text CHECK (min_level IN ('regular', 'silver', 'gold', 'vip')),
    -- Only this reason.
    reason_id bigint REFERENCES after_sales_reasons (id) ON DELETE CASCADE,
    -- Only orders not yet shipped.
    unshipped_only boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Which rule approved a request by itself (NULL: staff or a deadline).
ALTER TABLE after_sales_requests
    ADD COLUMN auto_rule_id bigint REFERENCES after_sales_auto_rules (id) ON DELETE SET NULL;
