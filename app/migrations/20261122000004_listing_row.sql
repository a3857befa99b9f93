-- Listings read one row per product. At 100,000 products a search for a
-- common word matched 5,000 search documents, joined them to products (a
-- hash over the whole table) and then joined 400,000 attribute rows to count
-- facets: 160 ms per query. So the search document and the attribute values
-- move onto the product row, and a listing (category page or search) is one
-- pass over the matching products.

-- attrs: {"zh-CN": {"<attribute id>": "value", …}, "en": {…}}, a copy of
-- product_attributes kept by the triggers below; facets and attribute filters
-- read it instead of joining.
-- search_tsv: the search document that product_search used to hold.
ALTER TABLE products
    ADD COLUMN attrs jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attrs) = 'object'),
    ADD COLUMN search_tsv tsvector;

CREATE FUNCTION products_refresh_attrs(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE products p
       SET attrs = coalesce((
               SELECT jsonb_object_agg(l.locale, l.vals)
                 FROM (SELECT pa.locale, jsonb_object_agg(pa.attribute_id::text, pa.value) AS vals
                         FROM product_attributes pa
                        WHERE pa.product_id = p.id
                        GROUP BY pa.locale) l), '{}')
     WHERE p.id = ANY(ids);
$$;

-- Statement-level, like the variant triggers: a bulk load refreshes each
-- product once.
CREATE FUNCTION product_attributes_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM products_refresh_attrs(ARRAY(SELECT DISTINCT product_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM products_refresh_attrs(ARRAY(SELECT product_id FROM new_rows UNION SELECT product_id FROM old_rows));
    ELSE
        PERFORM products_refresh_attrs(ARRAY(SELECT DISTINCT product_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER product_attributes_ins AFTER INSERT ON product_attributes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION product_attributes_changed();
CREATE TRIGGER product_attributes_upd AFTER UPDATE ON product_attributes
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION product_attributes_changed();
CREATE TRIGGER product_attributes_del AFTER DELETE ON product_attributes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION product_attributes_changed();
SELECT products_refresh_attrs(ARRAY(SELECT id FROM products));

-- Same documents as before (names A; categories, attributes and tags B;
-- descriptions C), now written to the product row.
CREATE OR REPLACE FUNCTION refresh_product_search(ids bigint[]) RETURNS void LANGUAGE sql AS $$
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
    UPDATE products p
       SET search_tsv = setweight(agora_search_vector(d.names), 'A')
                     || setweight(agora_search_vector(d.facts), 'B')
                     || setweight(agora_search_vector(d.descriptions), 'C')
      FROM docs d
     WHERE p.id = d.id;
$$;
UPDATE products p SET search_tsv = ps.tsv FROM product_search ps WHERE ps.product_id = p.id;
SELECT refresh_product_search(ARRAY(SELECT id FROM products WHERE search_tsv IS NULL));
DROP TABLE product_search;

-- The typo corrector asks whether a word begins some catalog word. Catalog
-- words are [a-z0-9]+, so "begins with w" is the byte range [w, w || '~'),
-- which this index answers for any database collation (LIKE cannot use an
-- index when the pattern is a parameter).
CREATE INDEX search_words_prefix_idx ON search_words (word text_pattern_ops);

-- Only listed products are ever searched, so only they are indexed.
CREATE INDEX products_search_idx ON products USING gin (search_tsv) WHERE listed;
