//! The help centre (issue 18): bilingual articles in a tree of categories,
//! searched with the catalog's search (Chinese bigrams, English stemming
//! and prefixes, typos), each with a "was this helpful?" vote. Staff write
//! them in the back office (`admin::help`); the contact form suggests them
//! while a shopper types (`components::Suggestions`). Read pages are kept
//! by the service worker, so an article read once opens offline.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use serde::{Deserialize, Serialize};

/// Limits of what staff may write.
pub const TITLE_MAX: usize = 120;
pub const BODY_MAX: usize = 20_000;
pub const NAME_MAX: usize = 60;
pub const SLUG_MAX: usize = 80;
/// Results a search shows, and suggestions the contact form shows.
pub const RESULTS_SHOWN: i64 = 20;
pub const SUGGESTIONS_SHOWN: i64 = 3;

/// An article as a link: its address and title in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleLink {
    pub slug: String,
    pub title: String,
}

/// A category with what is under it, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryNode {
    pub slug: String,
    pub name: String,
    pub articles: Vec<ArticleLink>,
    pub children: Vec<CategoryNode>,
}

/// One article as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub body: String,
    /// Its category and the categories above it, top first (names).
    pub path: Vec<String>,
    /// When it was last changed, in the shop's time zone.
    pub updated: String,
    pub helpful: i64,
    pub not_helpful: i64,
    /// Other articles of its category.
    pub related: Vec<ArticleLink>,
}

/// A search's results. `corrected` is the query as searched when English
/// words were corrected (a typo); `close` says the results hold most, not
/// all, of the Chinese typed (a wrong character).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHits {
    pub corrected: Option<String>,
    pub close: bool,
    pub hits: Vec<Hit>,
}

/// An article found, with the start of its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub slug: String,
    pub title: String,
    pub snippet: String,
}

/// A vote's outcome: the article's counts after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Votes {
    pub helpful: i64,
    pub not_helpful: i64,
}

/// A piece of an article's text as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    List(Vec<String>),
}

/// An article's text as blocks: paragraphs are separated by blank lines,
/// and lines starting with "- " (or "・", "• ") are items of a list. Plain
/// text only, so what staff type can never become markup.
pub fn blocks(body: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let flush_para = |para: &mut Vec<&str>, out: &mut Vec<Block>| {
        if !para.is_empty() {
            out.push(Block::Paragraph(para.join("\n")));
            para.clear();
        }
    };
    let flush_items = |items: &mut Vec<String>, out: &mut Vec<Block>| {
        if !items.is_empty() {
            out.push(Block::List(std::mem::take(items)));
        }
    };
    for line in body.lines().map(str::trim) {
        if line.is_empty() {
            flush_para(&mut para, &mut out);
            flush_items(&mut items, &mut out);
        } else if let Some(item) = ["- ", "・", "• "].iter().find_map(|m| line.strip_prefix(m)) {
            flush_para(&mut para, &mut out);
            items.push(item.trim().to_string());
        } else {
            flush_items(&mut items, &mut out);
            para.push(line);
        }
    }
    flush_para(&mut para, &mut out);
    flush_items(&mut items, &mut out);
    out
}

/// The first `chars` characters of an article's text on one line, for a
/// search result.
pub fn snippet(body: &str, chars: usize) -> String {
    let flat: String = body
        .split_whitespace()
        .filter(|w| !matches!(*w, "-" | "•"))
        .map(|w| w.trim_start_matches('・'))
        .collect::<Vec<_>>()
        .join(" ");
    let mut out: String = flat.chars().take(chars).collect();
    if flat.chars().count() > chars {
        out.push('…');
    }
    out
}

/// Lowercase letters, digits and single hyphens, as URLs carry them.
pub fn valid_slug(slug: &str, max: usize) -> bool {
    !slug.is_empty()
        && slug.len() <= max
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_lists() {
        let text = "第一段\n接着写\n\n- 一\n- 二\n\n最后一段\n・三";
        assert_eq!(
            blocks(text),
            vec![
                Block::Paragraph("第一段\n接着写".into()),
                Block::List(vec!["一".into(), "二".into()]),
                Block::Paragraph("最后一段".into()),
                Block::List(vec!["三".into()]),
            ]
        );
        assert_eq!(blocks("  \n\n "), vec![]);
        // Markup stays text.
        assert_eq!(
            blocks("<b>hi</b>"),
            vec![Block::Paragraph("<b>hi</b>".into())]
        );
    }

    #[test]
    fn snippets_are_one_line_and_cut() {
        assert_eq!(snippet("a\n\n- b  c", 10), "a b c");
        assert_eq!(snippet("一二三四五", 3), "一二三…");
    }

    #[test]
    fn slugs() {
        assert!(valid_slug("returns-and-refunds", 80));
        for bad in ["", "-a", "a-", "a--b", "A", "a b", "退货"] {
            assert!(!valid_slug(bad, 80), "{bad}");
        }
        assert!(!valid_slug("abc", 2));
    }
}
