-- The shop's time zone and the ways its pages write an instant, in one
-- place: every query calls these instead of repeating the zone. The Rust
-- side is app/src/shop_time.rs (SHOP_ZONE); a database test checks that
-- shop_zone() names the same zone.
CREATE FUNCTION shop_zone() RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT 'Asia/Shanghai' $$;

-- The wall-clock time in the shop (timestamp without zone).
CREATE FUNCTION shop_local(t timestamptz) RETURNS timestamp
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT t AT TIME ZONE shop_zone() $$;

-- The shop's calendar day of an instant.
CREATE FUNCTION shop_date(t timestamptz) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT (t AT TIME ZONE shop_zone())::date $$;

-- The instant a shop calendar day begins.
CREATE FUNCTION shop_midnight(d date) RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT d::timestamp AT TIME ZONE shop_zone() $$;

-- "YYYY-MM-DD HH:MM", as lists and histories show a moment.
CREATE FUNCTION shop_minute(t timestamptz) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT to_char(t AT TIME ZONE shop_zone(), 'YYYY-MM-DD HH24:MI')
$$;

-- "YYYY-MM-DD", as lists show a day.
CREATE FUNCTION shop_day(t timestamptz) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT to_char(t AT TIME ZONE shop_zone(), 'YYYY-MM-DD')
$$;

-- RFC 3339 with the shop's offset, for machines (downloads, <time datetime>).
CREATE FUNCTION shop_iso(t timestamptz) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT to_char(t AT TIME ZONE shop_zone(), 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')
$$;

-- The data download's function now says the same through shop_iso.
CREATE OR REPLACE FUNCTION privacy_time(t timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT shop_iso(t) $$;
