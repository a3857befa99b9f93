-- The session store's table, created here exactly as tower-sessions-sqlx-store
-- 0.15 creates it (`PostgresStore::migrate`, which still runs at start-up
-- and then finds it in place). Owning it in the migrations lets the queries
-- that end a user's sessions be compile-checked like every other query.
CREATE SCHEMA IF NOT EXISTS tower_sessions;
CREATE TABLE IF NOT EXISTS tower_sessions.session (
    id text PRIMARY KEY NOT NULL,
    data bytea NOT NULL,
    expiry_date timestamptz NOT NULL
);
