-- Catalog: a category tree, products with translated texts, variants (SKUs)
-- that carry price and stock, and images stored in PostgreSQL itself.

CREATE TABLE categories (
    id bigserial PRIMARY KEY,
    parent_id bigint REFERENCES categories (id) ON DELETE RESTRICT,
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
    position int NOT NULL DEFAULT 0
);
CREATE INDEX categories_parent_idx ON categories (parent_id);

-- One row per category and locale; readers fall back to the other locale.
CREATE TABLE category_translations (
    category_id bigint NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    locale text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
    name text NOT NULL,
    PRIMARY KEY (category_id, locale)
);

-- Image bytes live in the one store; they are served under their content
-- hash, so a URL never changes meaning and can be cached for a year.
CREATE TABLE images (
    id bigserial PRIMARY KEY,
    sha256 text NOT NULL UNIQUE,
    content_type text NOT NULL,
    width int NOT NULL,
    height int NOT NULL,
    bytes bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
    id bigserial PRIMARY KEY,
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
    category_id bigint NOT NULL REFERENCES categories (id),
    image_id bigint REFERENCES images (id),
    -- Unlisted products are never shown to shoppers.
    listed boolean NOT NULL DEFAULT true,
    featured boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_category_idx ON products (category_id) WHERE listed;
CREATE INDEX products_created_idx ON products (created_at DESC, id DESC) WHERE listed;

CREATE TABLE product_translations (
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    locale text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
    name text NOT NULL,
    description text NOT NULL DEFAULT '',
    PRIMARY KEY (product_id, locale)
);

-- A sellable unit. Money is integer minor units plus an ISO 4217 code;
-- stock can never go negative.
CREATE TABLE product_variants (
    id bigserial PRIMARY KEY,
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    sku text NOT NULL UNIQUE,
    price_minor bigint NOT NULL CHECK (price_minor >= 0),
    currency text NOT NULL DEFAULT 'CNY' CHECK (currency ~ '^[A-Z]{3}$'),
    stock int NOT NULL DEFAULT 0 CHECK (stock >= 0),
    position int NOT NULL DEFAULT 0
);
CREATE INDEX product_variants_product_idx ON product_variants (product_id);
