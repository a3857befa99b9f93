-- Complaints (投诉, issue 17): a shopper escalates a refused request, or
-- one the shop has left unanswered, to the people who may overrule the
-- after-sales desk. Deciding them is its own permission, held by the super
-- admin and the operations manager only.
INSERT INTO permissions (code) VALUES ('aftersales.complaints');
INSERT INTO role_permissions (role, permission) VALUES
    ('super_admin', 'aftersales.complaints'),
    ('operations_manager', 'aftersales.complaints');

-- One complaint per request: the request is its natural key, so a retry or
-- a double click files one. The decision is final: nothing may change a
-- decided complaint (ComplaintStatus in app/src/aftersales/complaint.rs,
-- repeated by the UPDATE's WHERE clause).
CREATE TABLE after_sales_complaints (
    request_id bigint PRIMARY KEY REFERENCES after_sales_requests (id) ON DELETE CASCADE,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
    -- Where the request stood when the shopper complained.
    request_status text NOT NULL,
    statement text NOT NULL CHECK (length(statement) BETWEEN 1 AND 1000),
    decision text NOT NULL DEFAULT '' CHECK (length(decision) <= 500),
    decided_by bigint REFERENCES users (id) ON DELETE SET NULL,
    decided_at timestamptz,
    -- By the shop's clock (tests move it), like the deadlines.
    created_at timestamptz NOT NULL,
    CHECK ((status = 'open') = (decided_at IS NULL))
);
CREATE INDEX after_sales_complaints_open_idx ON after_sales_complaints (created_at)
    WHERE status = 'open';

ALTER TABLE after_sales_events DROP CONSTRAINT after_sales_events_what_check;
ALTER TABLE after_sales_events ADD CONSTRAINT after_sales_events_what_check
    CHECK (what IN ('status', 'extended', 'inspected', 'paid', 'complained',
                    'complaint_upheld', 'complaint_dismissed'));
