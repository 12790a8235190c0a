//! Reminders by e-mail (issue 11, point 6): once a day, each user who has given an address
//! receives what is overdue and what falls due soon, through the SMTP relay of `[mail]`.
//! Nothing else depends on it: with no relay configured the system runs the same.
//!
//! A day's digest is claimed in the database before it is sent (`reminder_mails`), so that
//! a restart, a second server or a cron job the same day never sends it twice; a failed
//! sending gives the claim back for the next round. A crash between the claim and the
//! sending loses that day's digest rather than sending it twice: the reminders page and the
//! calendar still show everything.

use std::time::Duration;

use chrono::NaiveDate;
use domain::names::EmailAddress;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use store::{Object, User};

use crate::format::{long_date, short_date};
use crate::reminders::Reminder;
use crate::{App, Error, Result};

/// The outcome of one round of sending.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MailRound {
    /// Digests sent.
    pub sent: usize,
    /// Users with nothing overdue or due soon (nothing sent; the day is done for them).
    pub nothing_due: usize,
    /// Digests the relay refused or could not take (tried again next round).
    pub failed: usize,
}

/// What the reminders page says of the user's e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// Whether the server sends e-mail at all.
    pub enabled: bool,
    pub address: Option<String>,
    /// The last digest: when (epoch seconds) and how many items it listed.
    pub last: Option<(i64, i64)>,
}

/// A message ready to send: recipient, subject and plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub subject: String,
    pub body: String,
    pub items: usize,
}

/// The digest of `reminders` for `name` on `today`: what is overdue, then what falls due
/// within `ahead` days; `None` when neither has anything.
pub fn digest(
    name: &str,
    reminders: &[Reminder],
    today: NaiveDate,
    ahead: i64,
    public_url: &str,
) -> Option<Digest> {
    let base = public_url.trim_end_matches('/');
    let last = today + chrono::Duration::days(ahead);
    let overdue: Vec<&Reminder> = reminders.iter().filter(|r| r.overdue).collect();
    let soon: Vec<&Reminder> = reminders
        .iter()
        .filter(|r| !r.overdue && r.due_on <= last)
        .collect();
    if overdue.is_empty() && soon.is_empty() {
        return None;
    }
    let mut subject = String::from("Nhắc việc công tác đối ngoại:");
    if !overdue.is_empty() {
        subject.push_str(&format!(" {} việc quá hạn", overdue.len()));
    }
    if !soon.is_empty() {
        if !overdue.is_empty() {
            subject.push(',');
        }
        subject.push_str(&format!(
            " {} việc đến hạn trong {ahead} ngày tới",
            soon.len()
        ));
    }
    let mut body = format!(
        "Kính gửi đồng chí {name},\n\nHệ thống quản lý công tác đối ngoại xin nhắc các việc \
         của đồng chí ({}).\n",
        long_date(today)
    );
    let section = |body: &mut String, heading: &str, items: &[&Reminder]| {
        if items.is_empty() {
            return;
        }
        body.push_str(&format!("\n{heading}\n"));
        for r in items {
            body.push_str(&format!(
                "- Hạn {}: {} — {}. {}\n  {base}{}\n",
                short_date(&r.due_on.to_string()),
                r.kind.label_vi(),
                r.title,
                r.what,
                r.link
            ));
        }
    };
    section(&mut body, "Đã quá hạn:", &overdue);
    section(
        &mut body,
        &format!("Đến hạn trong {ahead} ngày tới:"),
        &soon,
    );
    body.push_str(&format!(
        "\nToàn bộ các việc cần làm: {base}/reminders\n\nThư này do hệ thống gửi tự động, \
         mỗi ngày một lần khi có việc quá hạn hoặc sắp đến hạn. Để thôi nhận thư, xóa địa \
         chỉ thư điện tử tại trang Nhắc việc.\n"
    ));
    Some(Digest {
        subject,
        body,
        items: overdue.len() + soon.len(),
    })
}

impl App {
    /// Whether a relay is configured.
    pub fn mail_enabled(&self) -> bool {
        !self.config.mail.smtp_url.is_empty()
    }

    /// Whether today's digests may go out: the hour of `[mail] send_hour`, Vietnam time
    /// (UTC+7, no daylight saving), has come.
    pub fn mail_hour_reached(&self) -> bool {
        let hour = chrono::Timelike::hour(&(chrono::Utc::now() + chrono::Duration::hours(7)));
        hour >= self.config.mail.send_hour
    }

    /// What the reminders page shows of the user's e-mail reminders.
    pub async fn mail_settings(&self, user: &User) -> Result<MailSettings> {
        let mut db = self.read().await?;
        Ok(MailSettings {
            enabled: self.mail_enabled(),
            address: db.mail_address_of(user.id).await?,
            last: db.last_reminder_mail(user.id).await?,
        })
    }

    /// Sets the user's own address for reminders; an empty text removes it.
    pub async fn set_mail_address(&self, user: &User, text: &str) -> Result<Option<String>> {
        let address = match text.trim() {
            "" => None,
            t => Some(EmailAddress::parse(t)?),
        };
        let mut tx = self.write().await?;
        tx.set_mail_address(user.id, address.as_ref().map(EmailAddress::as_str))
            .await?;
        tx.record(
            Some(user.id),
            None,
            Object::User(user.id),
            &domain::audit::AuditEvent::MailAddressSet {
                address: address.as_ref().map(|a| a.as_str().to_string()),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(address.map(|a| a.as_str().to_string()))
    }

    /// Sends today's digest to every user with an address who has not had it yet. Refused
    /// when no relay is configured.
    pub async fn send_reminder_mails(&self) -> Result<MailRound> {
        let m = &self.config.mail;
        if !self.mail_enabled() {
            return Err(Error::invalid_en(
                "mail",
                "Chưa cấu hình máy chủ thư (mục [mail], khóa smtp_url).",
                "no SMTP relay configured ([mail] smtp_url)",
            ));
        }
        let bad_config = |what: &str, e: &dyn std::fmt::Display| {
            tracing::error!("mail configuration: {what}: {e}");
            Error::invalid_en(
                "mail",
                "Cấu hình thư điện tử (mục [mail]) không hợp lệ.",
                format!("invalid [mail] {what}"),
            )
        };
        let from: Mailbox = m.from.parse().map_err(|e| bad_config("from", &e))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&m.smtp_url)
            .map_err(|e| bad_config("smtp_url", &e))?
            .timeout(Some(Duration::from_secs(m.timeout_seconds)))
            .build();
        let today = self.today();
        let day = today.to_string();
        let recipients = self.read().await?.mail_recipients(&day).await?;
        let mut round = MailRound::default();
        for rcpt in recipients {
            let user = self.read().await?.user(rcpt.user_id).await?;
            let reminders = self.reminders(&user).await?;
            let d = digest(
                &user.display_name,
                &reminders,
                today,
                m.ahead_days,
                &m.public_url,
            );
            let items = d.as_ref().map_or(0, |d| d.items as i64);
            let mut tx = self.write().await?;
            let claimed = tx.claim_reminder_mail(user.id, &day, items).await?;
            tx.commit().await?;
            let Some(d) = d.filter(|_| claimed) else {
                round.nothing_due += usize::from(claimed);
                continue;
            };
            match send(&transport, &from, &user, &rcpt.address, d).await {
                Ok(()) => round.sent += 1,
                Err(e) => {
                    tracing::warn!("reminder mail to user {} not sent: {e}", user.id);
                    round.failed += 1;
                    let mut tx = self.write().await?;
                    tx.release_reminder_mail(user.id, &day).await?;
                    tx.commit().await?;
                }
            }
        }
        Ok(round)
    }
}

async fn send(
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
    user: &User,
    address: &str,
    d: Digest,
) -> std::result::Result<(), String> {
    let to = Mailbox::new(
        Some(user.display_name.clone()),
        address.parse().map_err(|e| format!("address: {e}"))?,
    );
    let message = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(d.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(d.body)
        .map_err(|e| format!("message: {e}"))?;
    transport
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::ReminderKind;

    fn reminder(title: &str, due: NaiveDate, overdue: bool) -> Reminder {
        Reminder {
            kind: ReminderKind::Task,
            title: title.into(),
            what: "Tháng 12/2026".into(),
            due_on: due,
            overdue,
            link: "/tasks/7".into(),
            uid: format!("occurrence-{title}"),
        }
    }

    #[test]
    fn a_digest_lists_overdue_then_soon_and_leaves_out_what_is_further() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let d = |n| today + chrono::Duration::days(n);
        let r = [
            reminder("Rà soát đoàn ra", d(-3), true),
            reminder("Báo cáo năm", d(7), false),
            reminder("Hội nghị tổng kết", d(8), false),
        ];
        let g = digest("Nguyễn Văn An", &r, today, 7, "https://dn.example.vn/").unwrap();
        assert_eq!(
            g.subject,
            "Nhắc việc công tác đối ngoại: 1 việc quá hạn, 1 việc đến hạn trong 7 ngày tới"
        );
        assert_eq!(g.items, 2);
        assert!(g.body.contains("ngày 04 tháng 12 năm 2026"));
        assert!(
            g.body
                .contains("- Hạn 01/12/2026: Nhiệm vụ — Rà soát đoàn ra.")
        );
        assert!(g.body.contains("https://dn.example.vn/tasks/7"));
        assert!(!g.body.contains("Hội nghị tổng kết"));
        let overdue_at = g.body.find("Đã quá hạn").unwrap();
        assert!(overdue_at < g.body.find("Báo cáo năm").unwrap());
    }

    #[test]
    fn nothing_is_sent_when_nothing_is_due_soon() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let later = reminder("Hội nghị", today + chrono::Duration::days(20), false);
        assert_eq!(digest("A", &[later], today, 7, "http://x"), None);
    }
}
