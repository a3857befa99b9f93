//! Input rules shared by the browser (instant feedback) and the server (the
//! authority). Each returns the message key to show.
use crate::error::{AppError, Checks, ErrorKey};
use crate::text::{percent_decode, percent_encode, url_encode_path};

/// Where an erased account's placeholder e-mail lives (`privacy::erased_email`).
/// `.invalid` is reserved (RFC 2606): nothing can ever be delivered there.
/// Defined here rather than in `privacy` because registration, below
/// privacy in the layering, must refuse it.
pub const ERASED_DOMAIN: &str = "deleted.invalid";

pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn check_email(email: &str) -> Result<(), ErrorKey> {
    let email = email.trim();
    if email.is_empty() {
        return Err(ErrorKey::Required);
    }
    if email.chars().count() > 254 {
        return Err(ErrorKey::TooLong);
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(ErrorKey::EmailInvalid);
    };
    let ok = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        // Reserved for erased accounts' placeholders (privacy::erased_email).
        && !domain.eq_ignore_ascii_case(ERASED_DOMAIN)
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(())
    } else {
        Err(ErrorKey::EmailInvalid)
    }
}

/// At least 8 characters, with at least one letter and one digit, and not the
/// e-mail address itself.
pub fn check_password(password: &str, email: &str) -> Result<(), ErrorKey> {
    let len = password.chars().count();
    if len == 0 {
        return Err(ErrorKey::Required);
    }
    if len < PASSWORD_MIN {
        return Err(ErrorKey::PasswordTooShort);
    }
    if len > PASSWORD_MAX {
        return Err(ErrorKey::TooLong);
    }
    let has_letter = password.chars().any(char::is_alphabetic);
    let has_digit = password.chars().any(|c| c.is_ascii_digit());
    let is_email = !email.is_empty() && password.trim().eq_ignore_ascii_case(email.trim());
    if !has_letter || !has_digit || is_email {
        return Err(ErrorKey::PasswordTooWeak);
    }
    Ok(())
}

/// A required single-line text of at most `max` characters.
pub fn check_text(value: &str, max: usize) -> Result<(), ErrorKey> {
    let value = value.trim();
    if value.is_empty() {
        Err(ErrorKey::Required)
    } else if value.chars().count() > max {
        Err(ErrorKey::TooLong)
    } else {
        Ok(())
    }
}

/// A phone number: digits with optional +, spaces and dashes; 6 to 20 digits.
pub fn check_phone(phone: &str) -> Result<(), ErrorKey> {
    let phone = phone.trim();
    if phone.is_empty() {
        return Err(ErrorKey::Required);
    }
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' '));
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if allowed && (6..=20).contains(&digits) {
        Ok(())
    } else {
        Err(ErrorKey::PhoneInvalid)
    }
}

pub fn check_postal_code(code: &str) -> Result<(), ErrorKey> {
    let code = code.trim();
    let ok = code.is_empty()
        || (code.len() <= 10
            && code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-'));
    if ok {
        Ok(())
    } else {
        Err(ErrorKey::PostalCodeInvalid)
    }
}

pub fn validate_registration(
    email: &str,
    password: &str,
    display_name: &str,
) -> Result<(), AppError> {
    let mut checks = Checks::default();
    checks.check("email", check_email(email));
    checks.check("password", check_password(password, email));
    checks.check("display_name", check_text(display_name, 40));
    checks.finish()
}

/// The profile form; the birthday as month and day (1 to 12, then a day
/// that month can have, 29 February included), both blank for none.
pub fn validate_profile(
    display_name: &str,
    phone: &str,
    (month, day): (&str, &str),
) -> Result<Option<(i16, i16)>, AppError> {
    let mut checks = Checks::default();
    checks.check("display_name", check_text(display_name, 40));
    if !phone.trim().is_empty() {
        checks.check("phone", check_phone(phone));
    }
    let birthday = match (month.trim(), day.trim()) {
        ("", "") => None,
        (m, d) => match (m.parse::<i16>(), d.parse::<i16>()) {
            (Ok(m), Ok(d)) if (1..=12).contains(&m) && (1..=days_in(m)).contains(&d) => {
                Some((m, d))
            }
            _ => {
                checks.fail("birth_day", ErrorKey::ChoiceInvalid);
                None
            }
        },
    };
    checks.finish()?;
    Ok(birthday)
}

/// The most days month `m` can have.
fn days_in(m: i16) -> i16 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

pub fn validate_address(a: &super::AddressInput) -> Result<(), AppError> {
    let mut checks = Checks::default();
    checks.check("recipient", check_text(&a.recipient, 40));
    checks.check("phone", check_phone(&a.phone));
    checks.check("region", check_text(&a.region, 80));
    checks.check("line1", check_text(&a.line1, 200));
    checks.check("postal_code", check_postal_code(&a.postal_code));
    checks.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_birthday_is_a_real_month_and_day_or_nothing() {
        let ok = |m, d| validate_profile("王芳", "", (m, d));
        assert_eq!(ok("", "").unwrap(), None);
        assert_eq!(ok("2", "29").unwrap(), Some((2, 29)));
        assert_eq!(ok("12", "31").unwrap(), Some((12, 31)));
        for (m, d) in [
            ("4", "31"),
            ("2", "30"),
            ("13", "1"),
            ("3", ""),
            ("", "5"),
            ("x", "1"),
        ] {
            let e = ok(m, d).unwrap_err();
            assert_eq!(
                e.field("birth_day"),
                Some(ErrorKey::ChoiceInvalid),
                "{m}-{d}"
            );
        }
    }

    #[test]
    fn emails() {
        assert_eq!(check_email("a@b.cn"), Ok(()));
        assert_eq!(check_email(" Li.Lei@Example.COM "), Ok(()));
        assert_eq!(check_email(""), Err(ErrorKey::Required));
        assert_eq!(
            check_email("no-at.example.com"),
            Err(ErrorKey::EmailInvalid)
        );
        assert_eq!(check_email("a@localhost"), Err(ErrorKey::EmailInvalid));
        assert_eq!(check_email("a b@c.cn"), Err(ErrorKey::EmailInvalid));
        assert_eq!(check_email("a@@c.cn"), Err(ErrorKey::EmailInvalid));
        assert_eq!(
            normalize_email(" Li.Lei@Example.COM "),
            "li.lei@example.com"
        );
    }

    #[test]
    fn passwords() {
        assert_eq!(check_password("abc12345", "x@y.cn"), Ok(()));
        assert_eq!(check_password("密码安全abc1", "x@y.cn"), Ok(()));
        assert_eq!(check_password("", "x@y.cn"), Err(ErrorKey::Required));
        assert_eq!(
            check_password("ab1", "x@y.cn"),
            Err(ErrorKey::PasswordTooShort)
        );
        assert_eq!(
            check_password("abcdefghij", "x@y.cn"),
            Err(ErrorKey::PasswordTooWeak)
        );
        assert_eq!(
            check_password("1234567890", "x@y.cn"),
            Err(ErrorKey::PasswordTooWeak)
        );
        assert_eq!(
            check_password("a1@bb.cnx", "A1@bb.cnx"),
            Err(ErrorKey::PasswordTooWeak)
        );
        assert_eq!(
            check_password(&"a1".repeat(65), "x@y.cn"),
            Err(ErrorKey::TooLong)
        );
    }

    #[test]
    fn phones_and_postcodes() {
        assert_eq!(check_phone("+86 138-0013-8000"), Ok(()));
        assert_eq!(check_phone("12ab45678"), Err(ErrorKey::PhoneInvalid));
        assert_eq!(check_phone("123"), Err(ErrorKey::PhoneInvalid));
        assert_eq!(check_postal_code(""), Ok(()));
        assert_eq!(check_postal_code("200000"), Ok(()));
        assert_eq!(
            check_postal_code("<script>"),
            Err(ErrorKey::PostalCodeInvalid)
        );
    }

    #[test]
    fn registration_reports_every_field() {
        let err = validate_registration("bad", "short", "").unwrap_err();
        assert_eq!(err.field("email"), Some(ErrorKey::EmailInvalid));
        assert_eq!(err.field("password"), Some(ErrorKey::PasswordTooShort));
        assert_eq!(err.field("display_name"), Some(ErrorKey::Required));
    }
}

/// Where to go after signing in: only a path on this site (no open redirect),
/// else the account page.
pub fn safe_next(next: Option<&str>) -> String {
    next.and_then(local_path)
        .unwrap_or_else(|| "/account".to_string())
}

/// `path` as a `Location` header value if it can only ever mean a path on
/// this site. Browsers drop tabs and newlines anywhere in a URL and read `\`
/// as `/`, and a proxy or a later page may percent-decode it again, so
/// `/\t/evil.example`, `/\\evil`, `/%5cevil` and `/%252f%252fevil` could all
/// turn into `//evil.example`: another site. So the text must start with one
/// `/`, hold no whitespace, control character or backslash, and each layer
/// of percent-decoding must still start with one `/` and hold no control
/// character or backslash. Letters outside ASCII are percent-encoded.
pub fn local_path(path: &str) -> Option<String> {
    let bad = |c: char| c.is_control() || c == '\\';
    let raw_ok = path.starts_with('/')
        && !path.starts_with("//")
        && !path.chars().any(|c| bad(c) || c.is_whitespace());
    if !raw_ok {
        return None;
    }
    let mut layer = path.to_string();
    // Three layers of encoding is more than any real link has.
    for _ in 0..3 {
        let decoded = percent_decode(&layer);
        if decoded == layer {
            return Some(percent_encode(path, |b| b.is_ascii_graphic()));
        }
        if !decoded.starts_with('/') || decoded.starts_with("//") || decoded.chars().any(bad) {
            return None;
        }
        layer = decoded;
    }
    None
}

/// `page` (the sign-in or registration page) with a `next` that comes back
/// to `path` + `query` (the raw query, without "?"). From the sign-in or
/// registration page itself it keeps the `next` that page already carries
/// rather than pointing back at the form.
pub fn auth_href(page: &str, path: &str, query: &str) -> String {
    if path == "/sign-in" || path == "/register" {
        // Still encoded as it came, so it goes back into a URL unchanged.
        let next = query.split('&').find_map(|p| p.strip_prefix("next="));
        return match next {
            Some(n) if !n.is_empty() => format!("{page}?next={n}"),
            _ => page.to_string(),
        };
    }
    let here = if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    };
    auth_link(page, Some(&here))
}

/// `page` with `next` (decoded) as its query, or plain `page` without one.
pub fn auth_link(page: &str, next: Option<&str>) -> String {
    match next.filter(|n| !n.is_empty()) {
        // "/" stays readable; "?", "&", "=" and "%" must not leak into the outer query.
        Some(n) => format!("{page}?next={}", url_encode_path(n)),
        None => page.to_string(),
    }
}

#[cfg(test)]
mod next_tests {
    use super::safe_next;

    #[test]
    fn open_redirect_payloads_go_to_the_account_page() {
        for evil in [
            "//evil.example",
            "/\\evil.example",
            "\\/\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/\u{3000}/evil.example",
            "/%09/evil.example",
            "/%0a/evil.example",
            "/%0D/evil.example",
            "/%5cevil.example",
            "/%5Cevil.example",
            "/%2f%2fevil.example",
            "/%2F/evil.example",
            "/%252f%252fevil.example",
            "/%2509/evil.example",
            "/%25255cevil.example",
            "/%2525252f/evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            " /account",
            "",
        ] {
            assert_eq!(safe_next(Some(evil)), "/account", "{evil:?}");
        }
        // Escapes that stay inside the path are fine.
        assert_eq!(safe_next(Some("/p/a%20b")), "/p/a%20b");
        assert_eq!(
            safe_next(Some("/search?q=red%2Bshirt")),
            "/search?q=red%2Bshirt"
        );
        assert_eq!(safe_next(Some("/a/%2fb")), "/a/%2fb");
    }

    #[test]
    fn only_local_paths() {
        assert_eq!(safe_next(Some("/admin")), "/admin");
        assert_eq!(safe_next(Some("//evil.example")), "/account");
        assert_eq!(safe_next(Some("https://evil.example")), "/account");
        assert_eq!(safe_next(Some("/\\evil.example")), "/account");
        assert_eq!(safe_next(None), "/account");
        assert_eq!(safe_next(Some("/p/x\r\nSet-Cookie: a=b")), "/account");
        assert_eq!(
            safe_next(Some("/search?q=衬衫")),
            "/search?q=%E8%A1%AC%E8%A1%AB"
        );
        assert_eq!(safe_next(Some("/p/t-shirts-1?v=3")), "/p/t-shirts-1?v=3");
    }

    #[test]
    fn auth_links_come_back_here() {
        use super::{auth_href, auth_link};
        assert_eq!(
            auth_href("/sign-in", "/p/t-shirts-1", ""),
            "/sign-in?next=/p/t-shirts-1"
        );
        assert_eq!(
            auth_href("/sign-in", "/search", "q=%E8%A1%AC&page=2"),
            "/sign-in?next=/search%3Fq%3D%25E8%25A1%25AC%26page%3D2"
        );
        assert_eq!(
            auth_href("/sign-in", "/sign-in", "next=/cart"),
            "/sign-in?next=/cart"
        );
        assert_eq!(auth_href("/sign-in", "/register", ""), "/sign-in");
        assert_eq!(
            auth_link("/register", Some("/cart?x=1")),
            "/register?next=/cart%3Fx%3D1"
        );
        assert_eq!(auth_link("/register", None), "/register");
    }
}
