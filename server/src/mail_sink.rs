//! A small SMTP server on loopback that keeps what it is sent: where
//! development mail goes when no `AGORA_SMTP_URL` is set (nothing leaves
//! the machine; each message is a `.eml` file in `AGORA_MAIL_DIR`), and
//! what the tests send real SMTP to. It can refuse the first tries, or
//! all of them, as a busy or broken server would (a 451 to MAIL FROM).
//! It speaks only what a client needs to deliver: EHLO/HELO, MAIL, RCPT,
//! DATA, RSET, NOOP and QUIT, without authentication or TLS.
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// Whether the sink takes a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refuse {
    Never,
    /// The first `n` deliveries are refused with a temporary failure.
    First(usize),
    Always,
}

/// One message as delivered.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent (headers and body, CRLF line ends).
    pub data: String,
}

/// A running sink: its address and what it has kept.
#[derive(Clone)]
pub struct Sink {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    refused: Arc<AtomicUsize>,
}

impl Sink {
    /// What lettre connects to: plain SMTP on loopback.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Deliveries refused so far.
    pub fn refusals(&self) -> usize {
        self.refused.load(Ordering::SeqCst)
    }
}

struct Shared {
    received: Arc<Mutex<Vec<Received>>>,
    refused: Arc<AtomicUsize>,
    refuse: Refuse,
    dir: Option<PathBuf>,
    kept: AtomicUsize,
}

/// Listens on `127.0.0.1:port` (0: any free port) until the process ends.
/// With `dir`, each message is also written there as `<time>-<n>.eml`.
pub async fn start(port: u16, dir: Option<PathBuf>, refuse: Refuse) -> std::io::Result<Sink> {
    if let Some(d) = &dir {
        tokio::fs::create_dir_all(d).await?;
    }
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared {
        received: Arc::new(Mutex::new(Vec::new())),
        refused: Arc::new(AtomicUsize::new(0)),
        refuse,
        dir,
        kept: AtomicUsize::new(0),
    });
    let sink = Sink {
        addr,
        received: shared.received.clone(),
        refused: shared.refused.clone(),
    };
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let shared = shared.clone();
            tokio::spawn(async move {
                if let Err(e) = session(stream, &shared).await {
                    tracing::debug!(error = ?e, "mail sink: connection ended");
                }
            });
        }
    });
    Ok(sink)
}

/// The address between angle brackets in `MAIL FROM:<a>` / `RCPT TO:<a>`.
fn angle(arg: &str) -> String {
    match (arg.find('<'), arg.rfind('>')) {
        (Some(a), Some(b)) if a < b => arg[a + 1..b].to_string(),
        _ => arg.trim().to_string(),
    }
}

async fn session(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 agora-sink ESMTP\r\n").await?;
    let (mut from, mut to) = (None::<String>, Vec::new());
    let mut line = Vec::new();
    loop {
        line.clear();
        if lines.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end();
        let verb = text.get(..4).unwrap_or(text).to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-agora-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            "HELO" | "NOOP" => b"250 OK\r\n",
            "RSET" => {
                (from, to) = (None, Vec::new());
                b"250 OK\r\n"
            }
            "MAIL" if refuses(shared) => b"451 4.3.0 Try again later\r\n",
            "MAIL" => {
                from = Some(angle(&text[4..]));
                to.clear();
                b"250 OK\r\n"
            }
            "RCPT" if from.is_some() => {
                to.push(angle(&text[4..]));
                b"250 OK\r\n"
            }
            "DATA" if from.is_some() && !to.is_empty() => {
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let data = read_data(&mut lines).await?;
                keep(
                    shared,
                    Received {
                        from: from.take().unwrap_or_default(),
                        to: std::mem::take(&mut to),
                        data,
                    },
                )
                .await;
                b"250 OK: kept\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 Bye\r\n").await?;
                return Ok(());
            }
            "RCPT" | "DATA" => b"503 5.5.1 Bad sequence of commands\r\n",
            _ => b"502 5.5.2 Command not implemented\r\n",
        };
        write.write_all(reply).await?;
    }
}

fn refuses(shared: &Shared) -> bool {
    let refuse = match shared.refuse {
        Refuse::Never => false,
        Refuse::Always => true,
        Refuse::First(n) => shared.refused.load(Ordering::SeqCst) < n,
    };
    if refuse {
        shared.refused.fetch_add(1, Ordering::SeqCst);
    }
    refuse
}

/// The message up to the lone dot, with the dot-stuffing undone.
async fn read_data<R: tokio::io::AsyncBufRead + Unpin>(lines: &mut R) -> std::io::Result<String> {
    let mut data = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if lines.read_until(b'\n', &mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == b".\r\n" || line == b".\n" {
            break;
        }
        let unstuffed = line.strip_prefix(b".").unwrap_or(&line);
        data.extend_from_slice(unstuffed);
    }
    Ok(String::from_utf8_lossy(&data).into_owned())
}

async fn keep(shared: &Shared, message: Received) {
    if let Some(dir) = &shared.dir {
        let n = shared.kept.fetch_add(1, Ordering::SeqCst);
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        let path = dir.join(format!("{stamp}-{n}.eml"));
        let head = format!(
            "X-Sink-From: {}\r\nX-Sink-To: {}\r\n",
            message.from,
            message.to.join(", ")
        );
        match tokio::fs::write(&path, format!("{head}{}", message.data)).await {
            Ok(()) => {
                tracing::info!(to = ?message.to, file = %path.display(), "mail kept by the local sink")
            }
            Err(e) => tracing::warn!(error = ?e, "mail sink could not write a message"),
        }
    }
    if let Ok(mut r) = shared.received.lock() {
        r.push(message);
    }
}
