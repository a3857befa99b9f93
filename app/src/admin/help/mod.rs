//! `/admin/help`: the help centre's categories (a tree) and articles, and
//! `/admin/help/:id` (or `new`): one article in both languages with a
//! preview drawn as readers will see it. The reader's side is
//! `crate::help`.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
mod editor;
pub mod pages;

use super::AdminFn;
use crate::accounts::Permission;
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[
    AdminFn::read("admin/help", Permission::HelpEdit),
    AdminFn::read("admin/help/article", Permission::HelpEdit),
    AdminFn::write("admin/help/article/save", Permission::HelpEdit),
    AdminFn::write("admin/help/category/save", Permission::HelpEdit),
];

/// A category as staff edit it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryForm {
    /// None for a new one.
    pub id: Option<i64>,
    pub parent_id: Option<i64>,
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
    pub position: i32,
}

/// An article in the back office's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRow {
    pub id: i64,
    pub category_id: i64,
    pub slug: String,
    pub title_zh: String,
    pub title_en: String,
    pub published: bool,
    pub updated: String,
    pub helpful: i64,
    pub not_helpful: i64,
}

/// The back office's help page: every category and article, drafts too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpAdmin {
    pub categories: Vec<CategoryForm>,
    pub articles: Vec<ArticleRow>,
}

/// An article as staff edit it, both languages at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleForm {
    /// None for a new one.
    pub id: Option<i64>,
    pub category_id: i64,
    pub slug: String,
    pub title_zh: String,
    pub title_en: String,
    pub body_zh: String,
    pub body_en: String,
    pub published: bool,
    pub position: i32,
}

/// The editor's data: the article (empty for a new one) and the
/// categories it may go in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleEditor {
    pub article: ArticleForm,
    pub categories: Vec<CategoryForm>,
}

/// Categories as "Parent › Child" labels, in tree order, for a select.
pub fn category_labels(all: &[CategoryForm], en: bool) -> Vec<(i64, String)> {
    fn walk(
        all: &[CategoryForm],
        parent: Option<i64>,
        prefix: &str,
        en: bool,
        depth: usize,
        out: &mut Vec<(i64, String)>,
    ) {
        if depth > 8 {
            return;
        }
        let mut level: Vec<&CategoryForm> = all.iter().filter(|c| c.parent_id == parent).collect();
        level.sort_by_key(|c| (c.position, c.id));
        for c in level {
            let name = if en { &c.name_en } else { &c.name_zh };
            let label = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix} › {name}")
            };
            if let Some(id) = c.id {
                out.push((id, label.clone()));
                walk(all, Some(id), &label, en, depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(all, None, "", en, 0, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_tree() {
        let c = |id, parent, pos, zh: &str| CategoryForm {
            id: Some(id),
            parent_id: parent,
            slug: format!("c{id}"),
            name_zh: zh.into(),
            name_en: zh.into(),
            position: pos,
        };
        let all = vec![
            c(3, Some(1), 0, "退款"),
            c(1, None, 1, "售后"),
            c(2, None, 0, "购物"),
        ];
        assert_eq!(
            category_labels(&all, false),
            vec![
                (2, "购物".to_string()),
                (1, "售后".to_string()),
                (3, "售后 › 退款".to_string())
            ]
        );
    }
}
