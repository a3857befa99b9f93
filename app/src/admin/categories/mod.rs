//! The category tree: add, rename (both languages), move under another
//! parent, reorder, and delete when empty. A category may not move under
//! itself or its own descendants.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use super::AdminFn;
use crate::accounts::Permission;
use crate::admin::products::Pair;
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[
    AdminFn::read("admin/categories", Permission::CategoryEdit),
    AdminFn::write("admin/category/save", Permission::CategoryEdit),
    AdminFn::write("admin/category/delete", Permission::CategoryEdit),
];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryForm {
    pub id: Option<i64>,
    pub parent_id: Option<i64>,
    pub slug: String,
    pub name: Pair,
    pub position: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryNode {
    pub form: CategoryForm,
    pub depth: usize,
    pub products: i64,
    pub children: i64,
}

/// Ids of `id` and every category below it, given (id, parent) pairs.
pub fn subtree(pairs: &[(i64, Option<i64>)], id: i64) -> Vec<i64> {
    let mut out = vec![id];
    let mut i = 0;
    while i < out.len() {
        let cur = out[i];
        out.extend(
            pairs
                .iter()
                .filter(|(_, p)| *p == Some(cur))
                .map(|(c, _)| *c),
        );
        i += 1;
    }
    out
}

/// Orders categories as a tree (parents before children, siblings by
/// position), with each one's depth.
pub fn tree_order(items: &[(i64, Option<i64>, i32)]) -> Vec<(i64, usize)> {
    fn walk(
        items: &[(i64, Option<i64>, i32)],
        parent: Option<i64>,
        depth: usize,
        out: &mut Vec<(i64, usize)>,
    ) {
        let mut kids: Vec<&(i64, Option<i64>, i32)> =
            items.iter().filter(|c| c.1 == parent).collect();
        kids.sort_by_key(|c| (c.2, c.0));
        for k in kids {
            out.push((k.0, depth));
            if depth < 16 {
                walk(items, Some(k.0), depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(items, None, 0, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtree_and_order() {
        let pairs = [(1, None), (2, Some(1)), (3, Some(2)), (4, None)];
        let mut s = subtree(&pairs, 1);
        s.sort();
        assert_eq!(s, [1, 2, 3]);
        assert_eq!(subtree(&pairs, 4), [4]);
        let items = [
            (1, None, 1),
            (2, Some(1), 0),
            (3, Some(1), -1),
            (4, None, 0),
        ];
        assert_eq!(tree_order(&items), [(4, 0), (1, 0), (3, 1), (2, 1)]);
    }
}
