-- Recommendations from the shop's own data (issue 19, sixth part).
-- docs/recommendations.md.

-- Products that go with a product, computed by the recommendations job
-- from orders ('bought': in the same order, or the same shopper's orders
-- within 30 days) and from signed-in shoppers' views ('viewed': viewed by
-- the same shopper within a day). `score` is the pair's weight divided by
-- the geometric mean of the two products' own weights (cosine), so a best
-- seller does not become everything's neighbour. The job replaces the
-- whole table in one transaction; pages read it as it stood at the last run.
CREATE TABLE product_neighbours (
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('bought', 'viewed')),
    neighbour_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    score double precision NOT NULL CHECK (score > 0),
    PRIMARY KEY (product_id, kind, neighbour_id),
    CHECK (neighbour_id <> product_id)
);

-- A category's best sellers, for "for you": the shopper's categories'
-- top products are read one category at a time.
CREATE INDEX products_category_sales_idx ON products (category_id, sales_count DESC, id DESC)
    WHERE listed AND in_stock;

