-- Abuse limits that must hold across every instance of the server, counted
-- per client network (an IPv4 address, or an IPv6 /64: app::server::ip_bucket).
-- In-memory counters would be per process, so these live here:
--   register:    a registration attempt that passed validation; counted
--                per hour before the password is hashed.
--   guest_order: a guest's order, with the order, so the units its unpaid
--                orders hold can be summed per network.
-- A row is written under a transaction-scoped advisory lock per network and
-- action, after counting, so a parallel burst cannot all pass the count
-- (app::server::throttle). Rows are pruned a day on, except a guest order's
-- while the order still holds stock unpaid (accounts::db::prune_login_attempts).
-- `ip` is a network, not a person's identity, and is kept no longer than that.
CREATE TABLE throttle_events (
    id bigserial PRIMARY KEY,
    action text NOT NULL,
    ip text NOT NULL,
    order_id bigint REFERENCES orders (id) ON DELETE CASCADE,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX throttle_events_action_ip_idx ON throttle_events (action, ip, at);
-- Pruning looks a guest order's row up by its order.
CREATE INDEX throttle_events_order_idx ON throttle_events (order_id) WHERE order_id IS NOT NULL;
