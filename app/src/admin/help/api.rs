use super::{ArticleEditor, ArticleForm, CategoryForm, HelpAdmin};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// Every category and article, drafts included.
#[server(endpoint = "admin/help", input = GetUrl)]
pub async fn admin_help() -> Result<HelpAdmin, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::HelpEdit).await?;
        super::db::overview(&server::pool()?).await
    })
    .await
}

/// An article to edit (`id` None: a new one), with the categories.
#[server(endpoint = "admin/help/article", input = GetUrl)]
pub async fn admin_help_article(id: Option<i64>) -> Result<ArticleEditor, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        server::require_staff(Permission::HelpEdit).await?;
        super::db::editor(&server::pool()?, id).await
    })
    .await
}

/// Saves an article (creates it when it has no id); returns its id.
#[server(endpoint = "admin/help/article/save", input = Json)]
pub async fn admin_help_article_save(article: ArticleForm) -> Result<i64, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::HelpEdit).await?;
        super::db::save_article(&server::pool()?, &staff, article, server::now()?).await
    })
    .await
}

/// Saves a category (creates it when it has no id); returns its id.
#[server(endpoint = "admin/help/category/save", input = Json)]
pub async fn admin_help_category_save(category: CategoryForm) -> Result<i64, AppError> {
    use crate::{accounts::Permission, server};
    server::run(async move {
        let staff = server::require_staff(Permission::HelpEdit).await?;
        super::db::save_category(&server::pool()?, &staff, category).await
    })
    .await
}
