-- Accounts, roles and per-action permissions.
-- Staff and shoppers share one users table; a user's role decides what they
-- may do, and role_permissions (editable by a super admin later) says which
-- actions each role holds.

CREATE TABLE roles (
    code text PRIMARY KEY,
    -- Staff roles may open the back office; 'shopper' is the only non-staff role.
    is_staff boolean NOT NULL
);

CREATE TABLE permissions (
    code text PRIMARY KEY
);

CREATE TABLE role_permissions (
    role text NOT NULL REFERENCES roles (code) ON DELETE CASCADE,
    permission text NOT NULL REFERENCES permissions (code) ON DELETE CASCADE,
    PRIMARY KEY (role, permission)
);

INSERT INTO roles (code, is_staff) VALUES
    ('shopper', false),
    ('super_admin', true),
    ('operations_manager', true),
    ('catalog_editor', true),
    ('customer_service', true);

INSERT INTO permissions (code) VALUES
    ('admin.access'), ('product.edit'), ('category.edit'), ('stock.adjust'),
    ('order.read'), ('order.ship'), ('order.refund'),
    ('customer.read'), ('customer.disable'), ('promotion.edit'),
    ('review.moderate'), ('report.read'), ('staff.manage'), ('audit.read');

-- Default grants. The super admin holds everything.
INSERT INTO role_permissions (role, permission)
SELECT 'super_admin', code FROM permissions;

INSERT INTO role_permissions (role, permission) VALUES
    ('operations_manager', 'admin.access'),
    ('operations_manager', 'order.read'),
    ('operations_manager', 'order.ship'),
    ('operations_manager', 'order.refund'),
    ('operations_manager', 'customer.read'),
    ('operations_manager', 'customer.disable'),
    ('operations_manager', 'promotion.edit'),
    ('operations_manager', 'report.read'),
    ('catalog_editor', 'admin.access'),
    ('catalog_editor', 'product.edit'),
    ('catalog_editor', 'category.edit'),
    ('catalog_editor', 'stock.adjust'),
    ('customer_service', 'admin.access'),
    ('customer_service', 'order.read'),
    ('customer_service', 'review.moderate'),
    ('customer_service', 'customer.read');

CREATE TABLE users (
    id bigserial PRIMARY KEY,
    -- Stored lower-cased by the application; the unique index guards it anyway.
    email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    -- argon2id PHC string; never selected into anything sent to a client.
    password_hash text NOT NULL,
    display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 40),
    phone text,
    role text NOT NULL DEFAULT 'shopper' REFERENCES roles (code),
    -- A disabled account can't sign in, and its existing sessions stop working
    -- because every guard re-reads this column.
    disabled_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE addresses (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    recipient text NOT NULL,
    phone text NOT NULL,
    region text NOT NULL,
    line1 text NOT NULL,
    postal_code text,
    is_default boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX addresses_user_idx ON addresses (user_id);
-- At most one default address per user.
CREATE UNIQUE INDEX addresses_one_default ON addresses (user_id) WHERE is_default;

-- Every sign-in attempt, for throttling (and later for security reports).
CREATE TABLE login_attempts (
    id bigserial PRIMARY KEY,
    email text NOT NULL,
    ip text,
    succeeded boolean NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_email_idx ON login_attempts (email, attempted_at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, attempted_at);
