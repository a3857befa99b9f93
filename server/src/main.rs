//! `agora-server`: serves the shop. Subcommands manage a local PostgreSQL
//! cluster for scripts and tests (`pg-up`, `pg-down`) and create staff accounts.
use agora_server::config::{self, Config};
use agora_server::{embedded_pg::EmbeddedPg, startup};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: rendering a page makes many small,
/// short-lived allocations from both worker threads, and a profile of the
/// signed-in category page under load (docs/benchmarks.md) spent about 40%
/// of the server's CPU time inside glibc's allocator (arena locks,
/// `malloc_consolidate`). A well-kept allocator built for this pattern,
/// rather than tuning glibc with environment variables every deployment
/// would have to repeat.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
                                        anonymise the accounts whose deletion is due (at --now)
  agora-server points-jobs [--now RFC3339]
                                        run the loyalty points jobs once (at --now)
  agora-server recommendations          recompute the recommendations (\"bought together\", \"also viewed\") once
  agora-server recommend-eval [--shoppers N] [--seed S]
                                        hit rate at 10 of \"for you\" against best sellers, on generated
                                        shoppers' held-out purchases; needs the demo catalog; writes
                                        nothing, but locks the demo products while it runs
  agora-server mail-sink DIR [--port N] an SMTP server on loopback that keeps each message in DIR
                                        (development and tests); prints its smtp:// address";

/// What the command line asks for.
enum Command<'a> {
    Serve,
    PgUp { dir: &'a str, fsync: bool },
    PgDown(&'a str),
    CreateAdmin(&'a str),
    GenerateCatalog(&'a str),
    Order(&'a str, &'a [&'a str]),
    PrivacyDeletions(&'a [&'a str]),
    PointsJobs(&'a [&'a str]),
    Recommendations,
    RecommendEval(&'a [&'a str]),
    MailSink { dir: &'a str, port: &'a str },
}

fn parse<'a>(args: &'a [&'a str]) -> Option<Command<'a>> {
    Some(match args {
        [] | ["serve"] => Command::Serve,
        ["pg-up", dir, rest @ ..] => Command::PgUp {
            dir,
            fsync: !rest.contains(&"--no-fsync"),
        },
        ["pg-down", dir] => Command::PgDown(dir),
        ["create-admin", email] => Command::CreateAdmin(email),
        ["generate-catalog", n] => Command::GenerateCatalog(n),
        ["order", number, rest @ ..] => Command::Order(number, rest),
        ["privacy-deletions", rest @ ..] => Command::PrivacyDeletions(rest),
        ["points-jobs", rest @ ..] => Command::PointsJobs(rest),
        ["recommendations"] => Command::Recommendations,
        ["recommend-eval", rest @ ..] => Command::RecommendEval(rest),
        ["mail-sink", dir] => Command::MailSink { dir, port: "0" },
        ["mail-sink", dir, "--port", port] => Command::MailSink { dir, port },
        _ => return None,
    })
}

async fn run(command: Command<'_>, cfg: Config) -> agora_server::Result<()> {
    match command {
        Command::Serve => startup::serve(cfg).await,
        Command::PgUp { dir, fsync } => {
            EmbeddedPg::start(PathBuf::from(dir), fsync, cfg.pg_bin.as_deref())
                .await
                .map(|pg| println!("{}", pg.url("postgres")))
        }
        Command::PgDown(dir) => {
            EmbeddedPg::stop_dir(PathBuf::from(dir), cfg.pg_bin.as_deref()).await
        }
        Command::CreateAdmin(email) => startup::create_admin(cfg, email).await,
        Command::GenerateCatalog(n) => match n.parse::<i64>() {
            Ok(n) if n > 0 => startup::generate_catalog(cfg, n).await,
            _ => Err("generate-catalog takes a positive number of products".into()),
        },
        Command::Order(number, rest) => startup::order_command(cfg, number, rest).await,
        Command::PrivacyDeletions(rest) => {
            agora_server::privacy::deletions_command(cfg, rest).await
        }
        Command::PointsJobs(rest) => startup::points_command(cfg, rest).await,
        Command::Recommendations => {
            agora_server::recommend_eval::recommendations_command(cfg).await
        }
        Command::RecommendEval(rest) => {
            agora_server::recommend_eval::recommend_eval_command(cfg, rest).await
        }
        Command::MailSink { dir, port } => {
            let Ok(port) = port.parse::<u16>() else {
                return Err(format!("mail-sink --port takes a port number, not {port}").into());
            };
            use agora_server::mail_sink::{Refuse, start};
            let sink = start(port, Some(PathBuf::from(dir)), Refuse::Never).await?;
            // The address first, alone on its line: scripts read it.
            println!("{}", sink.url());
            tokio::signal::ctrl_c().await?;
            Ok(())
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    startup::init_tracing();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let Some(command) = parse(&args) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    // Every command reads the same configuration, and none runs with a
    // value it does not understand (in development too).
    let result = match Config::from_env() {
        Ok(cfg) => run(command, cfg).await,
        Err(problems) => Err(config::refusal(&problems, "").into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("agora-server: {e}");
            ExitCode::FAILURE
        }
    }
}
