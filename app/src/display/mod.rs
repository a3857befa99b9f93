//! Personal display settings (issue 16): the colour theme (light, dark or
//! the device's) and the text size, in three steps. A signed-in shopper's
//! are kept in the account, a guest's in a cookie the server reads, so the
//! page arrives drawn the right way (`<html data-theme data-text>`, set by
//! [`components::DisplayAttrs`]) and never flashes the wrong theme.
//!
//! Signing in: an account that has settings keeps them (and this browser
//! takes them over); an account without any adopts the choice this browser
//! made as a guest (`request::adopt_at_sign_in`).
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod request;

use crate::error::{AppError, ErrorKey, FieldError};
use serde::{Deserialize, Serialize};

/// The colour theme. `System` follows the device (`prefers-color-scheme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

#[cfg(feature = "ssr")]
pg_text!(Theme);

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The text stored in the database, the cookie and `data-theme`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The text size: the root font size, which every `rem` in the styles
/// follows (style/main.css, "Display settings").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum TextSize {
    #[default]
    Standard,
    Large,
    Larger,
}

#[cfg(feature = "ssr")]
pg_text!(TextSize);

impl TextSize {
    pub const ALL: [TextSize; 3] = [TextSize::Standard, TextSize::Large, TextSize::Larger];

    /// The text stored in the database, the cookie and `data-text`.
    pub fn as_str(self) -> &'static str {
        match self {
            TextSize::Standard => "standard",
            TextSize::Large => "large",
            TextSize::Larger => "larger",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// One shopper's choice; the default is the device's theme at the
/// standard size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct DisplaySettings {
    pub theme: Theme,
    pub text: TextSize,
}

/// The guest's cookie, `agora_display=<theme>.<text>` (e.g. `dark.larger`).
pub const COOKIE: &str = "agora_display";

/// A year: the choice outlives the session, like the language's cookie.
const COOKIE_MAX_AGE: u32 = 31_536_000;

impl DisplaySettings {
    /// The cookie's value: `dark.larger`.
    pub fn cookie_value(self) -> String {
        format!("{}.{}", self.theme.as_str(), self.text.as_str())
    }

    /// A cookie value, if it names a known theme and text size.
    pub fn parse_cookie_value(value: &str) -> Option<Self> {
        let (theme, text) = value.trim().split_once('.')?;
        Some(DisplaySettings {
            theme: Theme::parse(theme)?,
            text: TextSize::parse(text)?,
        })
    }

    /// The choice carried by a `Cookie` header, if it holds a valid one. The
    /// guest page cache keys on it too (server/src/page_cache.rs), so a
    /// malformed cookie shares the defaults' entry instead of making its own.
    pub fn from_cookie_header(header: &str) -> Option<Self> {
        header
            .split(';')
            .map(str::trim)
            .find_map(|c| c.strip_prefix(COOKIE)?.strip_prefix('='))
            .and_then(Self::parse_cookie_value)
    }

    /// The `Set-Cookie` value that remembers this choice in the browser.
    /// Not HttpOnly, like the language's: it holds nothing secret. Secure in
    /// production, where the shop is only served over HTTPS.
    pub fn set_cookie(self, secure: bool) -> String {
        let secure = if secure { "; Secure" } else { "" };
        format!(
            "{COOKIE}={}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax{secure}",
            self.cookie_value()
        )
    }

    /// A submitted choice; each unknown value is reported on its field.
    pub fn from_form(theme: &str, text: &str) -> Result<Self, AppError> {
        let (theme, text) = (Theme::parse(theme.trim()), TextSize::parse(text.trim()));
        if let (Some(theme), Some(text)) = (theme, text) {
            return Ok(DisplaySettings { theme, text });
        }
        let bad = [("theme", theme.is_none()), ("text", text.is_none())];
        Err(AppError::Validation(
            bad.into_iter()
                .filter(|(_, bad)| *bad)
                .map(|(field, _)| FieldError::new(field, ErrorKey::ChoiceInvalid))
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_round_trips_every_choice() {
        for theme in Theme::ALL {
            for text in TextSize::ALL {
                let s = DisplaySettings { theme, text };
                assert_eq!(
                    DisplaySettings::parse_cookie_value(&s.cookie_value()),
                    Some(s)
                );
                let header = format!("i18n_pref_locale=en; {}", s.cookie_value());
                assert_eq!(
                    DisplaySettings::from_cookie_header(&header),
                    None,
                    "no name"
                );
                let header = format!("i18n_pref_locale=en; {COOKIE}={}", s.cookie_value());
                assert_eq!(DisplaySettings::from_cookie_header(&header), Some(s));
            }
        }
    }

    #[test]
    fn unknown_cookies_are_ignored() {
        for header in [
            "",
            "agora_display=",
            "agora_display=dark",
            "agora_display=purple.large",
            "agora_display=dark.huge",
            "agora_display=dark.large.x",
            "agora_displayx=dark.large",
            "x_agora_display=dark.large",
        ] {
            assert_eq!(
                DisplaySettings::from_cookie_header(header),
                None,
                "{header}"
            );
        }
        assert_eq!(
            DisplaySettings::from_cookie_header("a=1;agora_display=light.large"),
            Some(DisplaySettings {
                theme: Theme::Light,
                text: TextSize::Large
            })
        );
    }

    #[test]
    fn the_cookie_lasts_a_year_for_the_whole_site() {
        let s = DisplaySettings {
            theme: Theme::Dark,
            text: TextSize::Larger,
        };
        assert_eq!(
            s.set_cookie(false),
            "agora_display=dark.larger; Path=/; Max-Age=31536000; SameSite=Lax"
        );
        assert!(s.set_cookie(true).ends_with("; Secure"));
    }

    #[test]
    fn a_form_names_each_bad_field() {
        let err = DisplaySettings::from_form("purple", "huge").unwrap_err();
        assert_eq!(err.field("theme"), Some(ErrorKey::ChoiceInvalid));
        assert_eq!(err.field("text"), Some(ErrorKey::ChoiceInvalid));
        let err = DisplaySettings::from_form("dark", "").unwrap_err();
        assert_eq!(err.field("theme"), None);
        assert_eq!(err.field("text"), Some(ErrorKey::ChoiceInvalid));
        assert_eq!(
            DisplaySettings::from_form("light", "large"),
            Ok(DisplaySettings {
                theme: Theme::Light,
                text: TextSize::Large
            })
        );
    }
}
