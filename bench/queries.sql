-- Shopper-like queries drawn from the catalog itself, one per line, for
-- bench/search-many.lua: category names, brands and materials, words and
-- pieces of product names in both languages, whole product names, and
-- misspelt English words. Every line is distinct.
-- The order is a guess at popularity, broadest first (shoppers type
-- "耳机" far more often than a whole product name); bench/search-zipf.lua
-- picks lines with a Zipf distribution over this order.
WITH demo AS (
    SELECT t.locale, t.name FROM product_translations t
      JOIN products p ON p.id = t.product_id
     WHERE p.slug NOT LIKE 'gen-%'
), words AS (
    SELECT DISTINCT w FROM demo, regexp_split_to_table(lower(name), '[^a-z]+') w
     WHERE locale = 'en' AND length(w) >= 4
), q AS (
    SELECT 1 AS tier, name FROM category_translations
    UNION SELECT 2, value FROM product_attributes
    UNION SELECT 3, w FROM words
    UNION SELECT 3, substr(name, i, 2) FROM demo, generate_series(1, 6) i
     WHERE locale = 'zh-CN' AND substr(name, i, 2) ~ '^[一-龥]{2}$'
    UNION SELECT 4, name FROM demo
    -- a typo: two neighbouring letters swapped in the middle
    UNION SELECT 5, substr(w, 1, 2) || substr(w, 4, 1) || substr(w, 3, 1) || substr(w, 5) FROM words WHERE length(w) >= 6
)
SELECT name FROM (SELECT DISTINCT ON (name) tier, name FROM q WHERE name <> '' ORDER BY name, tier) x
 ORDER BY tier, md5(name);
