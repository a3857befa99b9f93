//! The shop's time, in one place: its time zone, the calendar arithmetic the
//! forms use to read and write dates in the shop's time (pure, so the
//! browser runs it too), and on the server the clock every job and deadline
//! reads. The SQL side is the `shop_*` functions of migration
//! `..._shop_time.sql`, which name the same zone; a database test
//! (`server/tests/shop_time.rs`) checks that the two agree.
//!
//! Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a
//! fixed offset converts exactly in both directions.
use crate::error::ErrorKey;

/// The zone every date the shop shows or reads is in (IANA name).
pub const SHOP_ZONE: &str = "Asia/Shanghai";
/// Its offset from UTC, in seconds.
pub const SHOP_OFFSET_SECS: i64 = 8 * 3600;

/// "2026-03-01T08:30" (what `<input type="datetime-local">` sends; seconds
/// are allowed) in the shop's time → Unix seconds. Empty is `Ok(None)`.
pub fn parse_local(text: &str) -> Result<Option<i64>, ErrorKey> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = ErrorKey::BadRequest;
    let (date, time) = t.split_once('T').or_else(|| t.split_once(' ')).ok_or(bad)?;
    let d: Vec<&str> = date.split('-').collect();
    let tm: Vec<&str> = time.split(':').collect();
    if d.len() != 3 || !(2..=3).contains(&tm.len()) {
        return Err(bad);
    }
    let num = |s: &str, len: usize| -> Result<i64, ErrorKey> {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse::<i64>().map_err(|_| bad)
        } else {
            Err(bad)
        }
    };
    let (y, mo, day) = (num(d[0], 4)?, num(d[1], 2)?, num(d[2], 2)?);
    let (h, mi) = (num(tm[0], 2)?, num(tm[1], 2)?);
    let s = if tm.len() == 3 { num(tm[2], 2)? } else { 0 };
    if !(2000..=2199).contains(&y)
        || !(1..=12).contains(&mo)
        || day < 1
        || day > days_in_month(y, mo)
        || h > 23
        || mi > 59
        || s > 59
    {
        return Err(bad);
    }
    Ok(Some(
        days_from_civil(y, mo, day) * 86_400 + h * 3600 + mi * 60 + s - SHOP_OFFSET_SECS,
    ))
}

/// Unix seconds → "2026-03-01T08:30" in the shop's time (the editor's value).
pub fn format_local(unix: i64) -> String {
    let t = unix + SHOP_OFFSET_SECS;
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let secs = t.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60
    )
}

/// Unix seconds → "2026-03-01 08:30" in the shop's time (for reading; the
/// same text as SQL's `shop_minute`).
pub fn display_local(unix: i64) -> String {
    format_local(unix).replacen('T', " ", 1)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `z` days after 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_parse_and_format() {
        assert_eq!(parse_local(""), Ok(None));
        assert_eq!(parse_local("2026-01-01T08:00"), Ok(Some(1_767_225_600)));
        assert_eq!(parse_local("2026-01-01 08:00"), Ok(Some(1_767_225_600)));
        assert_eq!(parse_local("2024-02-29T23:59"), Ok(Some(1_709_222_340)));
        assert_eq!(parse_local("2000-01-01T00:00"), Ok(Some(946_656_000)));
        for bad in [
            "2025-02-29T10:00",
            "2026-13-01T10:00",
            "2026-04-31T10:00",
            "2026-01-01T24:00",
            "2026-01-01T10:60",
            "2026-1-01T10:00",
            "2026-01-01",
            "1999-12-31T10:00",
            "2026-01-01T10:00:00:00",
        ] {
            assert_eq!(parse_local(bad), Err(ErrorKey::BadRequest), "{bad}");
        }
        assert_eq!(format_local(1_767_225_600), "2026-01-01T08:00");
        assert_eq!(display_local(1_709_222_340), "2024-02-29 23:59");
        assert_eq!(format_local(1_709_222_340 + 59), "2024-02-29T23:59");
        for t in ["2026-03-01T08:30", "2030-12-31T23:59", "2028-02-29T00:00"] {
            assert_eq!(format_local(parse_local(t).unwrap().unwrap()), t);
        }
    }
}

#[cfg(feature = "ssr")]
pub use clock::{Clock, ManualClock, SystemClock, every};

#[cfg(feature = "ssr")]
mod clock {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;
    use time::OffsetDateTime;

    /// Runs `job` every `period` until the process ends, handing it the
    /// clock's time, read once per round, so the job itself never asks
    /// for "now" and a test can run it at any moment it chooses. A round
    /// that did something is logged, a failed one too; the next round
    /// retries. Rounds missed while one ran long are not run twice. Every
    /// job the shop runs this way is safe with several instances: each
    /// claims its rows under a lock or a guarded UPDATE.
    pub async fn every<R, E, F, Fut>(
        what: &'static str,
        period: Duration,
        clock: Arc<dyn Clock>,
        mut job: F,
    ) where
        R: Default + PartialEq + std::fmt::Debug,
        E: std::fmt::Debug,
        F: FnMut(OffsetDateTime) -> Fut,
        Fut: Future<Output = Result<R, E>>,
    {
        let mut tick = tokio::time::interval(period);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match job(clock.now()).await {
                Ok(r) if r == R::default() => {}
                Ok(r) => tracing::info!(job = what, report = ?r, "job acted"),
                Err(e) => {
                    tracing::warn!(job = what, error = ?e, "job failed; the next round retries")
                }
            }
        }
    }

    /// Where "now" comes from. Jobs, deadlines and validity windows read it
    /// from the server's settings (which hold the clock in use), so tests
    /// move time instead of sleeping; row timestamps written by PostgreSQL's `now()` are records
    /// of when something happened and stay on the database's clock.
    pub trait Clock: Send + Sync + std::fmt::Debug + 'static {
        fn now(&self) -> OffsetDateTime;
    }

    /// The real time.
    #[derive(Debug, Default, Clone, Copy)]
    pub struct SystemClock;

    impl Clock for SystemClock {
        fn now(&self) -> OffsetDateTime {
            OffsetDateTime::now_utc()
        }
    }

    /// A clock that stands still until a test (or the command line) moves it.
    #[derive(Debug)]
    pub struct ManualClock(Mutex<OffsetDateTime>);

    impl ManualClock {
        pub fn new(at: OffsetDateTime) -> Self {
            ManualClock(Mutex::new(at))
        }

        pub fn set(&self, at: OffsetDateTime) {
            *self.0.lock().unwrap_or_else(|e| e.into_inner()) = at;
        }

        pub fn advance(&self, by: time::Duration) {
            let mut t = self.0.lock().unwrap_or_else(|e| e.into_inner());
            *t += by;
        }
    }

    impl Clock for ManualClock {
        fn now(&self) -> OffsetDateTime {
            *self.0.lock().unwrap_or_else(|e| e.into_inner())
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_manual_clock_moves_only_when_told() {
            let start = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let c = ManualClock::new(start);
            assert_eq!(c.now(), start);
            c.advance(time::Duration::days(7));
            assert_eq!(c.now() - start, time::Duration::days(7));
            c.set(start);
            assert_eq!(c.now(), start);
        }

        /// A round runs at once and is handed the clock's time, not the
        /// machine's: the job never reads "now" itself.
        #[tokio::test]
        async fn a_job_round_is_handed_the_clocks_time() {
            let at = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
            let clock: Arc<dyn Clock> = Arc::new(ManualClock::new(at));
            let job = tokio::spawn(every(
                "test",
                Duration::from_secs(3600),
                clock,
                move |now| {
                    let tx = tx.clone();
                    async move { tx.send(now).map(|_| 1u8).map_err(|_| "closed") }
                },
            ));
            assert_eq!(rx.recv().await, Some(at));
            job.abort();
        }
    }
}
