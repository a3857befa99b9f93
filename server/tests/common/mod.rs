//! Spawns the real router on a random loopback port over a throwaway database
//! (from `#[sqlx::test]`), and talks to it over real HTTP.
#![allow(dead_code)]
use agora_server::config::Config;
use leptos::prelude::LeptosOptions;
use reqwest::header::{HeaderMap, SET_COOKIE};
use serde_json::Value;
use sqlx::PgPool;
use std::net::SocketAddr;
use tower_sessions_sqlx_store::PostgresStore;

pub struct TestApp {
    pub base: String,
    pub pool: PgPool,
}

pub fn test_config() -> Config {
    Config {
        database_url: None,
        data_dir: ".data".into(),
        demo_data: false,
        admin_email: None,
        admin_password: None,
        secure_cookies: false,
        pool_size: 5,
        public_url: "http://shop.test".into(),
        // Off, so each test sees its own writes at once; page_cache has its own test.
        page_cache_secs: 0,
        search_cache_secs: 0,
        unpaid_cancel_minutes: 30,
        auto_confirm_days: 7,
        jobs_interval_secs: 0,
    }
}

pub async fn spawn(pool: PgPool) -> TestApp {
    spawn_with(pool, test_config()).await
}

pub async fn spawn_with(pool: PgPool, cfg: Config) -> TestApp {
    let options = LeptosOptions::builder()
        .output_name("agora")
        .site_root("target/site")
        .site_pkg_dir("pkg")
        .build();
    let store = PostgresStore::new(pool.clone());
    store.migrate().await.expect("session table");
    let app = agora_server::router(pool.clone(), options, store, &cfg);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    TestApp {
        base: format!("http://{addr}"),
        pool,
    }
}

/// A browser-like client: keeps cookies, does not follow redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

impl TestApp {
    pub async fn post(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> (u16, Value, HeaderMap) {
        let res = client
            .post(format!("{}/api/{endpoint}", self.base))
            .form(form)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, body, headers)
    }

    pub async fn get(&self, client: &reqwest::Client, endpoint: &str) -> (u16, Value) {
        let req = client.get(format!("{}/api/{endpoint}", self.base));
        answer(req).await
    }

    /// A server function with JSON input.
    pub async fn post_json(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        body: Value,
    ) -> (u16, Value) {
        let req = client
            .post(format!("{}/api/{endpoint}", self.base))
            .json(&body);
        answer(req).await
    }

    pub async fn register(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> (u16, Value) {
        let (s, b, _) = self
            .post(
                client,
                "register",
                &[
                    ("email", email),
                    ("password", password),
                    ("display_name", "测试用户"),
                ],
            )
            .await;
        (s, b)
    }

    pub async fn sign_in(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> (u16, Value, HeaderMap) {
        self.post(
            client,
            "sign_in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    pub async fn user_count(&self) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM users")
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// Creates a user with `role` directly in the database.
    pub async fn create_user(&self, email: &str, password: &str, role: &str) -> i64 {
        let hash = app::server::hash_password(password.to_string())
            .await
            .unwrap();
        sqlx::query_scalar("INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, $2, 'T', $3) RETURNING id")
            .bind(email)
            .bind(hash.as_str())
            .bind(role)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }
}

/// Status and body (JSON when it is JSON) of a request.
async fn answer(req: reqwest::RequestBuilder) -> (u16, Value) {
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// The value of the session cookie in a response's Set-Cookie headers.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers.get_all(SET_COOKIE).iter().find_map(|v| {
        let v = v.to_str().ok()?;
        let rest = v.strip_prefix("agora_sid=")?;
        Some(rest.split(';').next()?.to_string())
    })
}

/// The message key of a field error in a `Validation` error body.
pub fn field_key(body: &Value, field: &str) -> Option<String> {
    body.get("Validation")?
        .as_array()?
        .iter()
        .find(|e| e["field"] == field)
        .and_then(|e| e["key"].as_str().map(String::from))
}
