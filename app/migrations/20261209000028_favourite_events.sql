-- Back in stock and price drops on shoppers' favourites (issue 18). A
-- change to a variant's stock or price notes the event here, in the
-- change's own transaction (a trigger, so every writer of stock and prices
-- is covered: staff, stocktakes, imports, cancellations, returns); a job
-- then writes each favouriting shopper's messages to the outbox, once
-- (app::notify::favourites). A change that rolls back notes nothing.
CREATE TABLE favourite_events (
    id bigserial PRIMARY KEY,
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('back_in_stock', 'price_drop')),
    -- The price told: the lowest of the changed variants.
    price_minor bigint NOT NULL CHECK (price_minor >= 0),
    currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- One event per product, kind and transaction ("once per change").
    tx bigint NOT NULL DEFAULT txid_current(),
    created_at timestamptz NOT NULL DEFAULT now(),
    done_at timestamptz,
    UNIQUE (product_id, kind, tx)
);
CREATE INDEX favourite_events_due_idx ON favourite_events (id) WHERE done_at IS NULL;

-- Per statement, over the rows it changed: a product is back in stock when
-- its total stock was 0 before the statement and is not after it; its
-- price dropped when a variant in stock got cheaper. Only products someone
-- has as a favourite, and listed, are noted.
CREATE FUNCTION note_favourite_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO favourite_events (product_id, kind, price_minor, currency)
    SELECT c.product_id, 'back_in_stock', c.price_minor, c.currency
      FROM (SELECT n.product_id, min(n.price_minor) AS price_minor, min(n.currency) AS currency,
                   sum(n.stock) - sum(o.stock) AS gained
              FROM new_rows n JOIN old_rows o ON o.id = n.id
             GROUP BY n.product_id) c
      JOIN products p ON p.id = c.product_id AND p.listed
     WHERE c.gained > 0
       AND (SELECT sum(v.stock) FROM product_variants v WHERE v.product_id = c.product_id) = c.gained
       AND EXISTS (SELECT 1 FROM favourites f WHERE f.product_id = c.product_id)
    ON CONFLICT DO NOTHING;
    INSERT INTO favourite_events (product_id, kind, price_minor, currency)
    SELECT n.product_id, 'price_drop', min(n.price_minor), min(n.currency)
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      JOIN products p ON p.id = n.product_id AND p.listed
     WHERE n.price_minor < o.price_minor AND n.stock > 0
       AND EXISTS (SELECT 1 FROM favourites f WHERE f.product_id = n.product_id)
     GROUP BY n.product_id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER product_variants_favourite_events
    AFTER UPDATE ON product_variants
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION note_favourite_events();
