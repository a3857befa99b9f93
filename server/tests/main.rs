//! Every server test in one binary. Each file under tests/ used to be its
//! own test binary, and each linked the whole shop: on two cores the links
//! alone took most of CI's time. `autotests = false` in Cargo.toml makes
//! this the only test target; a new test file is added as a module here.
mod common;
mod nojs;

mod account_mail;
mod accounts_http;
mod admin_catalog;
mod admin_matrix;
mod admin_orders;
mod admin_people;
mod admin_promotions;
mod after_sales;
mod after_sales_complaints;
mod after_sales_exchange;
mod after_sales_flow;
mod after_sales_guest;
mod after_sales_photos;
mod after_sales_settings;
mod attack_abuse;
mod bundle_budget;
mod catalog_db;
mod catalog_http;
mod catalog_queries;
mod cli;
mod config;
mod csp;
mod demo_data;
mod display_settings;
mod favourite_events;
mod guard_http;
mod help;
mod layering;
mod listing_cache;
mod mail_admin;
mod nojs_checkout;
mod nojs_forms;
mod notifications;
mod notify_prefs;
mod order_risk;
mod order_statuses;
mod outbox;
mod payments_security;
mod personal_pages;
mod points;
mod points_spend;
mod privacy;
mod production;
mod purchase_db;
mod purchase_http;
mod search_budget;
mod sessions_security;
mod shell_http;
mod shop_time;
mod staff_http;
mod tickets;
