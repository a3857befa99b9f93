//! A private PostgreSQL cluster in a folder of the project, used when
//! `DATABASE_URL` is unset (and by the test scripts, with fsync off).
//!
//! PostgreSQL refuses to run as root, so as root the cluster belongs to the
//! `postgres` system user and every `initdb`/`pg_ctl` call goes through
//! `runuser`. It listens on a Unix socket only, inside the data folder.
use crate::Result;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use tokio::process::Command;

const PORT: u16 = 5432;
/// Unix socket paths are limited to 107 bytes on Linux.
const MAX_SOCKET_PATH: usize = 100;

pub struct EmbeddedPg {
    data: PathBuf,
    socket_dir: PathBuf,
    bin: PathBuf,
    as_postgres: bool,
}

impl EmbeddedPg {
    /// Starts the cluster in `dir`, running `initdb` on first use. Idempotent:
    /// a cluster that is already running is reused. `bin` is where the
    /// PostgreSQL programs are (`Config::pg_bin`), else they are looked for.
    pub async fn start(dir: PathBuf, fsync: bool, bin: Option<&Path>) -> Result<Self> {
        let dir = absolute(&dir)?;
        let pg = Self::new(&dir, bin)?;
        std::fs::create_dir_all(&pg.socket_dir)?;
        if pg.as_postgres {
            pg.grant_postgres(&dir).await?;
        }
        if !pg.data.join("PG_VERSION").exists() {
            tracing::info!(dir = %pg.data.display(), "initialising PostgreSQL cluster");
            let data = pg.data.to_string_lossy().to_string();
            pg.run(
                "initdb",
                &[
                    "-D",
                    &data,
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ],
            )
            .await?;
        }
        if !pg.is_running().await {
            let opts = format!(
                "-c listen_addresses='' -k '{}' -p {PORT} -c fsync={} -c full_page_writes={} -c max_connections=200",
                pg.socket_dir.display(),
                if fsync { "on" } else { "off" },
                if fsync { "on" } else { "off" },
            );
            let data = pg.data.to_string_lossy().to_string();
            let log = dir.join("postgres.log").to_string_lossy().to_string();
            pg.run(
                "pg_ctl",
                &[
                    "start", "-D", &data, "-l", &log, "-w", "-t", "60", "-o", &opts,
                ],
            )
            .await?;
            tracing::info!(socket = %pg.socket_dir.display(), fsync, "PostgreSQL started");
        }
        Ok(pg)
    }

    /// Stops the cluster in `dir` if it is running.
    pub async fn stop_dir(dir: PathBuf, bin: Option<&Path>) -> Result<()> {
        let pg = Self::new(&absolute(&dir)?, bin)?;
        pg.stop().await
    }

    pub async fn stop(&self) -> Result<()> {
        if self.is_running().await {
            let data = self.data.to_string_lossy().to_string();
            self.run("pg_ctl", &["stop", "-D", &data, "-m", "fast", "-w"])
                .await?;
        }
        Ok(())
    }

    /// A connection URL for `database` on this cluster's socket.
    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://postgres@localhost:{PORT}/{database}?host={}",
            self.socket_dir.display()
        )
    }

    fn new(dir: &Path, bin: Option<&Path>) -> Result<Self> {
        let mut socket_dir = dir.join("run");
        if socket_dir.as_os_str().len() + 20 > MAX_SOCKET_PATH {
            // Too deep for a socket path: use a short folder named after the cluster.
            let tag = hex_tag(dir);
            socket_dir = PathBuf::from(format!("/tmp/agora-pg-{tag}"));
        }
        Ok(EmbeddedPg {
            data: dir.join("data"),
            socket_dir,
            bin: find_bin_dir(bin)?,
            as_postgres: is_root(),
        })
    }

    async fn is_running(&self) -> bool {
        let data = self.data.to_string_lossy().to_string();
        self.data.join("PG_VERSION").exists()
            && self.run_quiet("pg_ctl", &["status", "-D", &data]).await
    }

    /// Hands the cluster folders to `postgres` and makes sure that user can
    /// reach them (traverse permission only on the parents).
    async fn grant_postgres(&self, dir: &Path) -> Result<()> {
        for d in [dir, self.socket_dir.as_path()] {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(d)
                .status()
                .await?;
            if !status.success() {
                return Err(format!(
                    "chown postgres {} failed (is the postgresql package installed?)",
                    d.display()
                )
                .into());
            }
        }
        for ancestor in dir.ancestors().skip(1) {
            let meta = std::fs::metadata(ancestor)?;
            let mode = meta.permissions().mode();
            if meta.uid() != users_uid("postgres") && mode & 0o001 == 0 {
                tracing::info!(dir = %ancestor.display(), "allowing the postgres user to traverse");
                std::fs::set_permissions(ancestor, std::fs::Permissions::from_mode(mode | 0o001))?;
            }
        }
        Ok(())
    }

    fn command(&self, tool: &str, args: &[&str]) -> Command {
        let exe = self.bin.join(tool);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        };
        cmd.args(args).current_dir("/");
        cmd
    }

    async fn run(&self, tool: &str, args: &[&str]) -> Result<()> {
        let out = self.command(tool, args).output().await?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{tool} failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
            .into())
        }
    }

    async fn run_quiet(&self, tool: &str, args: &[&str]) -> bool {
        self.command(tool, args)
            .output()
            .await
            .map(|o| o.status.success())
            .unwrap_or(false)
    }
}

fn absolute(dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    Ok(std::fs::canonicalize(dir)?)
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

fn users_uid(name: &str) -> u32 {
    std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|p| {
            p.lines()
                .find(|l| l.split(':').next() == Some(name))
                .and_then(|l| l.split(':').nth(2).and_then(|u| u.parse().ok()))
        })
        .unwrap_or(u32::MAX)
}

fn hex_tag(dir: &Path) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(dir.as_os_str().as_encoded_bytes())[..6])
}

/// `configured` (`AGORA_PG_BIN`), else the newest
/// `/usr/lib/postgresql/*/bin`, else the first folder on `PATH` (the
/// operating system's search path, not a setting of ours) that has `initdb`.
fn find_bin_dir(configured: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = configured {
        return Ok(dir.to_path_buf());
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((v, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Ok(bin);
    }
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).find(|p| p.join("initdb").exists()))
        .ok_or_else(|| "PostgreSQL server binaries (initdb, pg_ctl) not found; run scripts/setup or set AGORA_PG_BIN".into())
}
