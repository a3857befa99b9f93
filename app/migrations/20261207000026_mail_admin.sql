-- The back office's mail page (issue 18): undeliverable messages, sent
-- again or dropped by staff, and test e-mails.
INSERT INTO permissions (code) VALUES ('mail.manage');
INSERT INTO role_permissions (role, permission) VALUES
    ('super_admin', 'mail.manage'),
    ('operations_manager', 'mail.manage');

-- The page lists the newest test e-mails.
CREATE INDEX outbox_tests_idx ON outbox (id DESC) WHERE event = 'mail_test';
