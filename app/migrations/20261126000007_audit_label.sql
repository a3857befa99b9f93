-- The audit log names what each entry is about. Entries kept only internal
-- ids, so searching the log for an order number found nothing and "product
-- 106" meant nothing to a reader. Writers now store the entity's human name
-- as it was when the change was made (an order number, a product's or
-- category's name, a SKU, an e-mail, a promotion's name); older entries get
-- it filled in below from what the database still knows.
ALTER TABLE audit_log ADD COLUMN label text NOT NULL DEFAULT '';

-- An entity's human name as the database knows it now, or NULL. Writers
-- that do not already hold the name ask this (admin::audit::db::label_of),
-- so new entries and the backfill name things the same way. Names kept in
-- two languages give the shop's own (zh-CN) first, English when that is
-- empty. Positional parameters: several tables here have columns that the
-- parameter names would otherwise shadow.
CREATE FUNCTION audit_label(entity_kind text, entity_key bigint) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT CASE $1
        WHEN 'order' THEN (SELECT o.number FROM orders o WHERE o.id = $2)
        WHEN 'product' THEN (SELECT t.name FROM product_translations t
                              WHERE t.product_id = $2 AND t.name <> ''
                              ORDER BY t.locale <> 'zh-CN' LIMIT 1)
        WHEN 'category' THEN (SELECT t.name FROM category_translations t
                               WHERE t.category_id = $2 AND t.name <> ''
                               ORDER BY t.locale <> 'zh-CN' LIMIT 1)
        WHEN 'variant' THEN (SELECT v.sku FROM product_variants v WHERE v.id = $2)
        WHEN 'customer' THEN (SELECT u.email FROM users u WHERE u.id = $2)
        WHEN 'user' THEN (SELECT u.email FROM users u WHERE u.id = $2)
        WHEN 'promotion' THEN (SELECT COALESCE(NULLIF(p.name->>'zh-CN', ''), p.name->>'en')
                                 FROM promotions p WHERE p.id = $2)
        -- A review is known by what it reviews and who wrote it.
        WHEN 'review' THEN (SELECT concat_ws(' · ',
                                       (SELECT t.name FROM product_translations t
                                         WHERE t.product_id = r.product_id AND t.name <> ''
                                         ORDER BY t.locale <> 'zh-CN' LIMIT 1),
                                       u.email)
                              FROM reviews r JOIN users u ON u.id = r.user_id
                             WHERE r.id = $2)
    END
$$;

-- The log is append-only (a trigger refuses updates); this one-off
-- backfill of a new column is the only exception, inside this migration's
-- transaction, and the trigger is back on before it commits.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change;
UPDATE audit_log SET label = COALESCE(NULLIF(CASE
        WHEN entity = 'role' THEN entity_id
        -- A stocktake is known by the SKUs it changed.
        WHEN entity = 'stocktake' AND jsonb_typeof(after) = 'array' THEN
            (SELECT string_agg(line->>'sku', ', ') FROM jsonb_array_elements(after) AS e(line))
        WHEN entity_id ~ '^[0-9]{1,18}$' THEN audit_label(entity, entity_id::bigint)
    END, ''),
    -- Deleted since: the name as the entry itself recorded it.
    NULLIF(before->'name'->>'zh', ''), NULLIF(before->'name'->>'en', ''),
    NULLIF(before->'name'->>'zh-CN', ''), NULLIF(before->>'sku', ''),
    NULLIF(after->>'email', ''), '');
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change;

-- The log's search looks in every column that names something, so it is
-- indexed as one text (trigram, for ILIKE '%…%'). admin::audit::db::search
-- uses exactly this expression; the two must stay identical for the index
-- to be used. Newlines keep a match from spanning two columns.
CREATE INDEX audit_log_search_idx ON audit_log USING gin ((
    actor_email || E'\n' || action || E'\n' || entity || E'\n' || COALESCE(entity_id, '') || E'\n'
    || label || E'\n' || COALESCE(before::text, '') || E'\n' || COALESCE(after::text, '')
) gin_trgm_ops);
