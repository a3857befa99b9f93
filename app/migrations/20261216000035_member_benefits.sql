-- Member benefits as data (issue 19, third part): a free-shipping
-- threshold per level and member prices per variant, applied by the
-- promotions engine (rule 1 and the delivery fee) and explained in the
-- cart. docs/loyalty.md ("Member benefits"), docs/promotions.md.

-- Standard delivery is free from this much of goods after discounts for
-- the level (NULL: the shop's threshold, ¥99).
ALTER TABLE member_levels
    ADD COLUMN free_shipping_minor bigint CHECK (free_shipping_minor >= 0);
UPDATE member_levels SET free_shipping_minor = CASE level
    WHEN 'gold' THEN 4900 WHEN 'vip' THEN 0 END;

-- A variant's price for shoppers of `level` and above. The lowest that
-- applies to the buyer is used when it is below the variant's sale price.
CREATE TABLE member_prices (
    variant_id bigint NOT NULL REFERENCES product_variants (id) ON DELETE CASCADE,
    level text NOT NULL REFERENCES member_levels (level),
    price_minor bigint NOT NULL CHECK (price_minor > 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (variant_id, level)
);
CREATE INDEX member_prices_level ON member_prices (level);
