//! `agora-server`: serves the shop. Subcommands manage a local PostgreSQL
//! cluster for scripts and tests (`pg-up`, `pg-down`) and create staff accounts.
use agora_server::{config::Config, embedded_pg::EmbeddedPg, startup};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  agora-server                          serve the shop (see README for environment variables)
  agora-server pg-up DIR [--no-fsync]   start (initialising if needed) a cluster in DIR; print its URL
  agora-server pg-down DIR              stop the cluster in DIR
  agora-server create-admin EMAIL       create or take over a super admin account (new password, sessions
                                        ended); the password is AGORA_ADMIN_PASSWORD, else asked for on a
                                        terminal, else generated and printed once
  agora-server generate-catalog N       grow the catalog to N products (load tests; loads the demo first)
  agora-server order NUMBER ship CARRIER TRACKING | deliver | track LOCATION TEXT
                                        move an order on (until the back office does)
  agora-server privacy-deletions [--now RFC3339]
                                        anonymise the accounts whose deletion is due (at --now)";

#[tokio::main]
async fn main() -> ExitCode {
    startup::init_tracing();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] | ["serve"] => startup::serve(Config::from_env()).await,
        ["pg-up", dir, rest @ ..] => {
            let fsync = !rest.contains(&"--no-fsync");
            EmbeddedPg::start(PathBuf::from(dir), fsync)
                .await
                .map(|pg| println!("{}", pg.url("postgres")))
        }
        ["pg-down", dir] => EmbeddedPg::stop_dir(PathBuf::from(dir)).await,
        ["create-admin", email] => startup::create_admin(Config::from_env(), email).await,
        ["generate-catalog", n] => match n.parse::<i64>() {
            Ok(n) if n > 0 => startup::generate_catalog(Config::from_env(), n).await,
            _ => Err("generate-catalog takes a positive number of products".into()),
        },
        ["order", number, rest @ ..] => {
            startup::order_command(Config::from_env(), number, rest).await
        }
        ["privacy-deletions", rest @ ..] => {
            agora_server::privacy::deletions_command(Config::from_env(), rest).await
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("agora-server: {e}");
            ExitCode::FAILURE
        }
    }
}
