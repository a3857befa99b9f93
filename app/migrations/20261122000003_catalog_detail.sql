-- Catalog detail: attributes, tags, variant options, galleries with resized
-- renditions, ratings, favourites, recently viewed, and search.

-- Trigram matching for typo tolerance. Trusted since PostgreSQL 13, so a
-- database owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Figures that listings filter and sort on are kept on the product row so a
-- category page never has to aggregate variants or reviews per request.
--   price_min_minor / in_stock: maintained from product_variants by trigger.
--   rating_sum / rating_count: maintained from published reviews by trigger.
--   sales_count: units sold; order placement increments it.
ALTER TABLE products
    ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
    ADD COLUMN price_min_minor bigint,
    ADD COLUMN in_stock boolean NOT NULL DEFAULT false,
    ADD COLUMN sales_count int NOT NULL DEFAULT 0 CHECK (sales_count >= 0),
    ADD COLUMN rating_sum int NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
    ADD COLUMN rating_count int NOT NULL DEFAULT 0 CHECK (rating_count >= 0);

CREATE INDEX products_category_price_idx ON products (category_id, price_min_minor) WHERE listed;
CREATE INDEX products_sales_idx ON products (sales_count DESC, id DESC) WHERE listed;

CREATE FUNCTION products_refresh_offer(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE products p
       SET price_min_minor = v.price_min, in_stock = coalesce(v.stock, 0) > 0
      FROM (SELECT x.id, min(pv.price_minor) AS price_min, sum(pv.stock) AS stock
              FROM unnest(ids) AS x(id)
              LEFT JOIN product_variants pv ON pv.product_id = x.id
             GROUP BY x.id) v
     WHERE p.id = v.id
       AND (p.price_min_minor IS DISTINCT FROM v.price_min OR p.in_stock <> (coalesce(v.stock, 0) > 0));
$$;

-- Statement-level triggers see every changed row at once, so a bulk load of
-- 300,000 variants refreshes each product once rather than once per row.
CREATE FUNCTION product_variants_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM products_refresh_offer(ARRAY(SELECT DISTINCT product_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM products_refresh_offer(ARRAY(SELECT product_id FROM new_rows UNION SELECT product_id FROM old_rows));
    ELSE
        PERFORM products_refresh_offer(ARRAY(SELECT DISTINCT product_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER product_variants_ins AFTER INSERT ON product_variants
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION product_variants_changed();
CREATE TRIGGER product_variants_upd AFTER UPDATE ON product_variants
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION product_variants_changed();
CREATE TRIGGER product_variants_del AFTER DELETE ON product_variants
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION product_variants_changed();
SELECT products_refresh_offer(ARRAY(SELECT id FROM products));

-- Options such as colour and size. Names and values are short labels, kept
-- as {"zh-CN": …, "en": …} objects; readers fall back like other texts.
CREATE TABLE product_options (
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position smallint NOT NULL CHECK (position BETWEEN 0 AND 2),
    name jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object'),
    PRIMARY KEY (product_id, position)
);
-- One label object per option, in option order.
ALTER TABLE product_variants
    ADD COLUMN option_values jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(option_values) = 'array');

-- Attributes (brand, material, …) are filterable; their values are
-- translated per product.
CREATE TABLE attributes (
    id bigserial PRIMARY KEY,
    code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_]+$'),
    position int NOT NULL DEFAULT 0
);
CREATE TABLE attribute_translations (
    attribute_id bigint NOT NULL REFERENCES attributes (id) ON DELETE CASCADE,
    locale text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
    name text NOT NULL,
    PRIMARY KEY (attribute_id, locale)
);
CREATE TABLE product_attributes (
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    attribute_id bigint NOT NULL REFERENCES attributes (id) ON DELETE CASCADE,
    locale text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
    value text NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
    PRIMARY KEY (product_id, attribute_id, locale)
);
CREATE INDEX product_attributes_value_idx ON product_attributes (attribute_id, value);

-- A product's gallery. A picture with a variant belongs to that variant and
-- is shown first when the shopper picks it.
CREATE TABLE product_images (
    id bigserial PRIMARY KEY,
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    image_id bigint NOT NULL REFERENCES images (id),
    variant_id bigint REFERENCES product_variants (id) ON DELETE CASCADE,
    position int NOT NULL DEFAULT 0,
    alt jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(alt) = 'object')
);
CREATE INDEX product_images_product_idx ON product_images (product_id, position);

-- Resized copies of every image, made once when the image is stored; the
-- URL names the original's hash, so the copies are immutable too.
CREATE TABLE image_renditions (
    image_id bigint NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    size text NOT NULL CHECK (size IN ('thumb', 'medium', 'large')),
    format text NOT NULL CHECK (format IN ('webp', 'jpeg')),
    width int NOT NULL,
    height int NOT NULL,
    bytes bytea NOT NULL,
    PRIMARY KEY (image_id, size, format)
);

-- Reviews as far as the catalog needs them: ratings and published texts.
-- The purchase flow adds who may write them; hidden reviews stay hidden.
CREATE TABLE reviews (
    id bigserial PRIMARY KEY,
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body text NOT NULL DEFAULT '' CHECK (length(body) <= 2000),
    status text NOT NULL DEFAULT 'published' CHECK (status IN ('pending', 'published', 'hidden')),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reviews_product_idx ON reviews (product_id, created_at DESC) WHERE status = 'published';

CREATE FUNCTION reviews_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE pid bigint := coalesce(NEW.product_id, OLD.product_id);
BEGIN
    UPDATE products p SET rating_sum = r.s, rating_count = r.n
      FROM (SELECT coalesce(sum(rating), 0)::int AS s, count(*)::int AS n
              FROM reviews WHERE product_id = pid AND status = 'published') r
     WHERE p.id = pid;
    RETURN NULL;
END $$;
CREATE TRIGGER reviews_rating AFTER INSERT OR UPDATE OR DELETE ON reviews
    FOR EACH ROW EXECUTE FUNCTION reviews_changed();

CREATE TABLE favourites (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, product_id)
);

-- Signed-in shoppers' recently viewed products; guests keep theirs in the browser.
CREATE TABLE recently_viewed (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    viewed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, product_id)
);
CREATE INDEX recently_viewed_user_idx ON recently_viewed (user_id, viewed_at DESC);

-- Search. PostgreSQL has no Chinese word splitter, so Chinese runs are
-- indexed as overlapping bigrams plus single characters: 羽绒服 gives
-- 羽绒 绒服 羽 绒 服, and a query for 羽绒 matches. Latin text goes through
-- the English configuration for stemming (shoes → shoe).
CREATE FUNCTION agora_cjk_tokens(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(tok, ' '), '')
      FROM regexp_matches(coalesce(t, ''), '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', 'g') AS m(run),
           LATERAL (SELECT substr(m.run[1], i, 2) FROM generate_series(1, greatest(length(m.run[1]) - 1, 1)) i
                    UNION ALL
                    SELECT substr(m.run[1], i, 1) FROM generate_series(1, length(m.run[1])) i) AS x(tok)
$$;

CREATE FUNCTION agora_search_vector(t text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('english', regexp_replace(coalesce(t, ''), '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', ' ', 'g'))
        || to_tsvector('simple', agora_cjk_tokens(t))
$$;

-- One search document per product: names weigh most (A), then category
-- names, attributes and tags (B), then descriptions (C).
CREATE TABLE product_search (
    product_id bigint PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    tsv tsvector NOT NULL
);
CREATE INDEX product_search_tsv_idx ON product_search USING gin (tsv);

-- Every Latin word in the catalog, for correcting typos by trigram similarity.
CREATE TABLE search_words (word text PRIMARY KEY);
CREATE INDEX search_words_trgm_idx ON search_words USING gin (word gin_trgm_ops);

-- Rebuilds the search documents of the given products (and learns their
-- words). Writers call it in the same transaction as the change.
CREATE FUNCTION refresh_product_search(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    WITH RECURSIVE cat_path AS (
        SELECT p.id AS product_id, p.category_id AS category_id
          FROM products p WHERE p.id = ANY(ids)
        UNION ALL
        SELECT cp.product_id, c.parent_id
          FROM cat_path cp JOIN categories c ON c.id = cp.category_id
         WHERE c.parent_id IS NOT NULL
    ), docs AS (
        SELECT p.id,
               (SELECT string_agg(name, ' ') FROM product_translations WHERE product_id = p.id) AS names,
               concat_ws(' ',
                   (SELECT string_agg(ct.name, ' ') FROM cat_path cp
                      JOIN category_translations ct ON ct.category_id = cp.category_id
                     WHERE cp.product_id = p.id),
                   (SELECT string_agg(value, ' ') FROM product_attributes WHERE product_id = p.id),
                   array_to_string(p.tags, ' ')) AS facts,
               (SELECT string_agg(description, ' ') FROM product_translations WHERE product_id = p.id) AS descriptions
          FROM products p WHERE p.id = ANY(ids)
    ), words AS (
        INSERT INTO search_words (word)
        SELECT DISTINCT w FROM docs,
               regexp_split_to_table(lower(concat_ws(' ', names, facts)), '[^a-z0-9]+') AS w
         WHERE length(w) BETWEEN 3 AND 40
        ON CONFLICT DO NOTHING
    )
    INSERT INTO product_search (product_id, tsv)
    SELECT id, setweight(agora_search_vector(names), 'A')
            || setweight(agora_search_vector(facts), 'B')
            || setweight(agora_search_vector(descriptions), 'C')
      FROM docs
    ON CONFLICT (product_id) DO UPDATE SET tsv = EXCLUDED.tsv;
$$;
SELECT refresh_product_search(ARRAY(SELECT id FROM products));

-- What shoppers searched for, for the back office's search insights.
CREATE TABLE search_queries (
    id bigserial PRIMARY KEY,
    query text NOT NULL CHECK (length(query) <= 200),
    locale text NOT NULL,
    results int NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_queries_created_idx ON search_queries (created_at DESC);
CREATE INDEX search_queries_misses_idx ON search_queries (created_at DESC) WHERE results = 0;
