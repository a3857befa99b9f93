//! The outbox's delivery (issue 18): e-mail over SMTP through lettre, SMS
//! to the log (no gateway yet: a provider is one more `Sender` arm), and
//! the loop that sends what is due. The in-app inbox is written by the
//! outbox itself, in the database.
use crate::mail_sink::{self, Refuse};
use app::notify::{Event, text};
use app::server::outbox::{Category, Channel, Claimed, Report, Sender, run_due};
use app::shop_time::Clock;
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::PgPool;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// Why an `AGORA_SMTP_URL` is not fit for production, if it is not: mail
/// and the server's password must not cross the network in clear text, so
/// it is `smtps://`, or `smtp://` with `tls=required`, or a relay on this
/// machine.
pub fn smtp_url_problem(url: &str) -> Option<String> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Some(format!("={url} is not an smtp:// or smtps:// address"));
    };
    let host = rest
        .split(['/', '?'])
        .next()
        .unwrap_or("")
        .rsplit('@')
        .next()
        .unwrap_or("");
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    let tls_required = rest
        .split_once('?')
        .is_some_and(|(_, q)| q.split('&').any(|p| p == "tls=required"));
    match scheme {
        "smtps" => None,
        "smtp" if tls_required || loopback => None,
        "smtp" => Some(
            "sends mail in clear text to another machine: use smtps://, or add ?tls=required"
                .to_string(),
        ),
        _ => Some(format!("={url} is not an smtp:// or smtps:// address")),
    }
}

/// What the messages link to and come from.
pub struct MailerConfig {
    pub smtp_url: String,
    pub from: Mailbox,
    /// The shop's public origin, without a trailing slash.
    pub public_url: String,
    /// The key guest order links are signed with.
    pub order_link_key: Vec<u8>,
    /// The key unsubscribe links are signed with.
    pub account_link_key: Vec<u8>,
}

/// Sends e-mail through one SMTP server, and SMS to the log.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    cfg: MailerConfig,
}

impl Mailer {
    pub fn new(cfg: MailerConfig) -> Result<Mailer, lettre::transport::smtp::Error> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&cfg.smtp_url)?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        Ok(Mailer { transport, cfg })
    }

    /// The page a message is about, as a link that works from a mail
    /// program: an account e-mail names its page (with its signed token);
    /// an order's is the order's page, whose guest link carries its secret.
    fn link(&self, m: &Claimed) -> String {
        if let Some(path) = m
            .payload
            .get("path")
            .and_then(|p| p.as_str())
            .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        {
            return format!("{}{path}", self.cfg.public_url);
        }
        // A guest's ticket: its page, signed like a guest's order link.
        if let Some(ticket) = m.payload.get("ticket").and_then(|t| t.as_str()) {
            let token = app::tickets::db::ticket_token(&self.cfg.order_link_key, ticket);
            let path = app::tickets::ticket_href(ticket, Some(&token));
            return format!("{}{path}", self.cfg.public_url);
        }
        let number = m
            .payload
            .get("number")
            .and_then(|n| n.as_str())
            .unwrap_or("");
        let token = m
            .user_id
            .is_none()
            .then(|| app::orders::db::order_token(&self.cfg.order_link_key, number));
        let path = app::orders::order_href(number, token.as_deref());
        format!("{}{path}", self.cfg.public_url)
    }

    /// The e-mail for `m`; an error names what is wrong with it (it is
    /// recorded on the message, and it will not get better by retrying,
    /// but staff may still see and discard it).
    pub fn compose(&self, m: &Claimed) -> Result<Message, String> {
        let event = Event::parse(&m.event).ok_or_else(|| format!("no template for {}", m.event))?;
        let to: Mailbox = m
            .address
            .parse()
            .map_err(|e| format!("bad recipient address: {e}"))?;
        let name = m.payload.get("name").and_then(|n| n.as_str());
        // Marketing to an account carries its signed one-click unsubscribe
        // link: in the text, and in the headers mail programs act on
        // (RFC 2369, RFC 8058).
        let unsubscribe = match (m.category, m.user_id) {
            (Category::Promotions, Some(user)) => Some(format!(
                "{}/unsubscribe?t={}",
                self.cfg.public_url,
                app::notify::prefs::db::token(&self.cfg.account_link_key, user)
            )),
            _ => None,
        };
        let mail = text::email(
            event,
            &m.locale,
            &m.payload,
            name,
            &self.link(m),
            unsubscribe.as_deref(),
        );
        // Base64 bodies pass every server unchanged (Chinese text included,
        // which 7-bit servers would otherwise mangle).
        let part = |kind: ContentType, body: String| {
            Body::new_with_encoding(body, ContentTransferEncoding::Base64)
                .map(|b| SinglePart::builder().header(kind).body(b))
                .map_err(|_| "the message could not be encoded".to_string())
        };
        let mut builder = Message::builder()
            .from(self.cfg.from.clone())
            .to(to)
            .subject(mail.subject);
        if let Some(url) = &unsubscribe {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_string(),
                ));
        }
        builder
            .multipart(
                MultiPart::alternative()
                    .singlepart(part(ContentType::TEXT_PLAIN, mail.text)?)
                    .singlepart(part(ContentType::TEXT_HTML, mail.html)?),
            )
            .map_err(|e| format!("the message could not be built: {e}"))
    }

    /// Sends a message that is not from the outbox (the back office's
    /// test button): the same server, the same sender.
    pub async fn send_message(&self, message: Message) -> Result<(), String> {
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

impl Sender for Mailer {
    fn send<'a>(
        &'a self,
        m: &'a Claimed,
    ) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>> {
        Box::pin(async move {
            match m.channel {
                Channel::Email => self.send_message(self.compose(m)?).await,
                Channel::Sms => {
                    // The development provider: the text goes to the log.
                    let event = Event::parse(&m.event).ok_or("no template")?;
                    let w = text::write(event, &m.locale, &m.payload);
                    tracing::info!(target: "agora::sms", to = %m.address, text = %w.body, "SMS (logged, not sent)");
                    Ok(())
                }
                // Written by the outbox itself; never handed here.
                Channel::Inbox => Ok(()),
            }
        })
    }
}

/// The SMTP server to use: the configured one, or (development) a sink
/// started here on loopback that keeps each message in `mail_dir`.
pub async fn smtp_url(cfg: &crate::config::Config) -> std::io::Result<String> {
    if let Some(url) = &cfg.smtp_url {
        return Ok(url.clone());
    }
    let sink = mail_sink::start(0, Some(cfg.mail_dir.clone()), Refuse::Never).await?;
    tracing::info!(
        dir = %cfg.mail_dir.display(),
        "AGORA_SMTP_URL is unset: mail goes to a local sink, kept as .eml files"
    );
    Ok(sink.url())
}

/// The development sender when `AGORA_MAIL_FROM` is unset.
pub const DEV_FROM: &str = "Agora <shop@agora.test>";

/// Sends what the outbox holds, every `every`, as `clock` tells the time.
/// Any number of instances may run it: each message is claimed by one.
pub async fn outbox_loop(
    pool: PgPool,
    sender: Arc<Mailer>,
    every: Duration,
    clock: Arc<dyn Clock>,
) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        // Changes to favourites noted since the last round become messages
        // first, so they leave in this one.
        if let Err(e) = app::notify::favourites::fan_out(&pool, 50).await {
            tracing::warn!(error = ?e, "favourite events not told; the next round retries");
        }
        // A full batch is followed at once by the next.
        loop {
            match run_due(&pool, sender.as_ref(), clock.now(), 50).await {
                Ok(r) if r == Report::default() => break,
                Ok(r) => {
                    tracing::info!(?r, "outbox sent");
                    if r.sent + r.retried + r.dead < 50 {
                        break;
                    }
                }
                Err(e) => {
                    tracing::warn!(error = ?e, "outbox round failed; the next one retries");
                    break;
                }
            }
        }
    }
}
