//! Abuse limits, counted per client network. Two kinds:
//!
//! - Request rates kept in memory (governor's GCRA, one state per network)
//!   for cheap, frequent requests such as re-pricing a cart. Each process
//!   keeps its own; that is enough to take the edge off a flood.
//! - Counts kept in the database (`throttle_events`) for actions that must
//!   hold across every instance: registrations and guest orders. The count
//!   and the claim happen under a transaction-scoped advisory lock per
//!   network, so a parallel burst queues instead of every request reading
//!   "one left".
use super::Limits;
use crate::error::{AppError, ErrorKey};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use sqlx::PgConnection;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The bucket a client's requests are counted in: its IPv4 address, or the
/// /64 network of an IPv6 one. One subscriber usually holds a whole /64, so
/// counting single IPv6 addresses would let them rotate past any limit.
pub fn ip_bucket(ip: Option<&str>) -> String {
    match ip.and_then(|ip| ip.parse::<IpAddr>().ok()) {
        Some(IpAddr::V4(v4)) => v4.to_string(),
        Some(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        None => "unknown".to_string(),
    }
}

/// Per-process request rates, shared by every request through Leptos
/// context (the router provides one).
#[derive(Clone)]
pub struct RateLimits {
    /// None when `checkout_per_minute` is 0 (no limit).
    checkout: Option<Arc<DefaultKeyedRateLimiter<String>>>,
    /// Checks so far, to sweep idle networks out now and then.
    checks: Arc<AtomicU64>,
}

/// Networks idle for a whole window are swept out every this many checks,
/// so the map holds about the networks active in the last minute.
const SWEEP_EVERY: u64 = 4096;

impl RateLimits {
    pub fn new(limits: &Limits) -> Self {
        let checkout = NonZeroU32::new(limits.checkout_per_minute)
            .map(|n| Arc::new(RateLimiter::keyed(Quota::per_minute(n))));
        RateLimits {
            checkout,
            checks: Arc::default(),
        }
    }

    /// Takes one checkout request from `bucket`'s allowance.
    pub fn checkout(&self, bucket: &str) -> Result<(), AppError> {
        let Some(limiter) = &self.checkout else {
            return Ok(());
        };
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            limiter.retain_recent();
        }
        limiter
            .check_key(&bucket.to_string())
            .map_err(|_| AppError::RateLimited(ErrorKey::TooManyRequests))
    }
}

/// Counts one checkout request (a quote, a coupon check or an order) from
/// the caller's network against `AGORA_LIMIT_CHECKOUT_PER_MINUTE`.
pub async fn limit_checkout() -> Result<(), AppError> {
    let limits = leptos::prelude::use_context::<RateLimits>().ok_or_else(|| {
        tracing::error!("RateLimits missing from context");
        AppError::Internal
    })?;
    let ip = super::client_ip().await;
    limits.checkout(&ip_bucket(ip.as_deref()))
}

/// Takes the advisory lock of `action` for `bucket` until the caller's
/// transaction ends: counting and claiming under it is one step for every
/// instance sharing the database.
pub async fn lock_bucket(
    conn: &mut PgConnection,
    action: &str,
    bucket: &str,
) -> Result<(), AppError> {
    // In FROM, so the statement has no column of type void (which sqlx's
    // checked queries cannot describe).
    sqlx::query!(
        "SELECT FROM pg_advisory_xact_lock(hashtextextended('agora:throttle:' || $1 || ':' || $2, 0))",
        action,
        bucket
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// How many `action`s `bucket` claimed within `window`. The window is on
/// the database's clock, like the `at` it is compared with.
pub async fn recent(
    conn: &mut PgConnection,
    action: &str,
    bucket: &str,
    window: Duration,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT count(*) AS "count!" FROM throttle_events
            WHERE action = $1 AND ip = $2 AND at > now() - make_interval(secs => $3)"#,
        action,
        bucket,
        window.as_secs_f64()
    )
    .fetch_one(&mut *conn)
    .await?)
}

/// Records one `action` by `bucket` (kept only if the caller commits).
pub async fn record(
    conn: &mut PgConnection,
    action: &str,
    bucket: &str,
    order_id: Option<i64>,
) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO throttle_events (action, ip, order_id) VALUES ($1, $2, $3)",
        action,
        bucket,
        order_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Claims one `action` for `bucket` in its own transaction, unless `limit`
/// were already claimed within `window`; then `refused` is the answer.
pub async fn claim(
    pool: &sqlx::PgPool,
    action: &str,
    bucket: &str,
    limit: u32,
    window: Duration,
    refused: ErrorKey,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    lock_bucket(&mut tx, action, bucket).await?;
    if recent(&mut tx, action, bucket, window).await? >= i64::from(limit) {
        return Err(AppError::RateLimited(refused));
    }
    record(&mut tx, action, bucket, None).await?;
    tx.commit().await?;
    Ok(())
}

/// The client's address as seen through trusted reverse proxies: when the
/// TCP peer is one of `trusted`, the rightmost `X-Forwarded-For` entry that
/// is not itself a trusted proxy. Entries to its left were written by the
/// client and prove nothing; from any other peer the header is ignored.
pub fn forwarded_client(
    peer: IpAddr,
    trusted: &[IpAddr],
    headers: &axum::http::HeaderMap,
) -> IpAddr {
    // A dual-stack listener sees IPv4 peers as `::ffff:a.b.c.d`.
    let peer = peer.to_canonical();
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match parse_hop(hop) {
            Some(ip) if trusted.contains(&ip) => client = ip,
            Some(ip) => return ip,
            // Not an address: stop at the last hop that can be believed.
            None => return client,
        }
    }
    client
}

/// `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` or `[2001:db8::1]:443`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let ip = if let Ok(ip) = hop.parse::<IpAddr>() {
        ip
    } else if let Some(rest) = hop.strip_prefix('[') {
        rest.split(']').next()?.parse::<IpAddr>().ok()?
    } else {
        hop.parse::<std::net::SocketAddr>().ok()?.ip()
    };
    Some(ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue};

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn xff(values: &[&'static str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn buckets_group_an_ipv6_subscriber() {
        assert_eq!(ip_bucket(Some("203.0.113.7")), "203.0.113.7");
        assert_eq!(
            ip_bucket(Some("2001:db8:1:2:aaaa::1")),
            ip_bucket(Some("2001:db8:1:2:bbbb::9"))
        );
        assert_eq!(ip_bucket(Some("2001:db8:1:2::1")), "2001:db8:1:2::/64");
        assert_eq!(ip_bucket(Some("::ffff:203.0.113.7")), "203.0.113.7");
        assert_eq!(ip_bucket(Some("nonsense")), "unknown");
        assert_eq!(ip_bucket(None), "unknown");
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let proxy = ip("10.0.0.2");
        let trusted = [proxy, ip("10.0.0.3")];
        // From anyone else the header is the client's own claim: ignored.
        let stranger = ip("198.51.100.9");
        assert_eq!(
            forwarded_client(stranger, &trusted, &xff(&["203.0.113.7"])),
            stranger
        );
        // Through the proxy: the rightmost hop that is not a proxy. What the
        // client put on the left (a forged address) is not believed.
        assert_eq!(
            forwarded_client(proxy, &trusted, &xff(&["1.1.1.1, 203.0.113.7"])),
            ip("203.0.113.7")
        );
        assert_eq!(
            forwarded_client(
                proxy,
                &trusted,
                &xff(&["1.1.1.1", "203.0.113.7:5050, 10.0.0.3"])
            ),
            ip("203.0.113.7")
        );
        assert_eq!(
            forwarded_client(proxy, &trusted, &xff(&["[2001:db8::7]:443"])),
            ip("2001:db8::7")
        );
        // The proxy seen through a dual-stack socket is still the proxy.
        assert_eq!(
            forwarded_client(ip("::ffff:10.0.0.2"), &trusted, &xff(&["203.0.113.7"])),
            ip("203.0.113.7")
        );
        // No header, or garbage where the client should be: the proxy itself.
        assert_eq!(forwarded_client(proxy, &trusted, &xff(&[])), proxy);
        assert_eq!(
            forwarded_client(proxy, &trusted, &xff(&["1.1.1.1, not-an-ip"])),
            proxy
        );
    }

    #[test]
    fn the_in_memory_checkout_limit_counts_per_network() {
        let limits = RateLimits::new(&Limits {
            checkout_per_minute: 3,
            ..Limits::default()
        });
        for _ in 0..3 {
            assert_eq!(limits.checkout("203.0.113.7"), Ok(()));
        }
        assert_eq!(
            limits.checkout("203.0.113.7"),
            Err(AppError::RateLimited(ErrorKey::TooManyRequests))
        );
        assert_eq!(limits.checkout("198.51.100.9"), Ok(()));
        let off = RateLimits::new(&Limits {
            checkout_per_minute: 0,
            ..Limits::default()
        });
        assert!((0..1000).all(|_| off.checkout("203.0.113.7").is_ok()));
    }
}
