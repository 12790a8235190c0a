//! What falls due for a user (issue 11, point 6): the occurrences of the tasks they carry
//! out, the open items of their registers, the reports their commune must send, and for a
//! province officer the reports waiting for review — in the app ("Nhắc việc"), in an
//! iCalendar feed a phone's calendar subscribes to (RFC 5545, all-day events on the due day
//! in Vietnam time), and by e-mail when SMTP is configured.

use chrono::NaiveDate;
use domain::report::ReportStatus;
use serde::Serialize;
use store::{Object, User};

use crate::{App, Error, Result};

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// An occurrence of a plan task.
    Task,
    /// An open item of a register entry (a consent document, an after-trip report…).
    Register,
    /// A report to send to the province (or to send again after its return).
    Report,
    /// A commune's report waiting for the province's review.
    Review,
}

impl ReminderKind {
    pub fn label_vi(self) -> &'static str {
        match self {
            ReminderKind::Task => "Nhiệm vụ",
            ReminderKind::Register => "Sổ theo dõi",
            ReminderKind::Report => "Báo cáo",
            ReminderKind::Review => "Báo cáo chờ xem xét",
        }
    }
}

/// One thing that falls due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    pub kind: ReminderKind,
    pub title: String,
    /// What is to be done ("Tháng 04/2026", "Văn bản đồng ý đón đoàn", "Gửi báo cáo").
    pub what: String,
    pub due_on: NaiveDate,
    pub overdue: bool,
    /// The page where it is done.
    pub link: String,
    /// Stable across feeds (an event moved by a new deadline keeps its identity).
    pub uid: String,
}

/// How far ahead reminders look.
const AHEAD_DAYS: i64 = 30;

impl App {
    /// What falls due for `user` within 30 days, overdue items included, earliest first.
    pub async fn reminders(&self, user: &User) -> Result<Vec<Reminder>> {
        let today = self.today();
        let iso = today.to_string();
        let ahead = (today + chrono::Duration::days(AHEAD_DAYS)).to_string();
        let mut out = Vec::new();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        if let Some(commune) = user.commune_id {
            let mut db = self.read().await?;
            let year = i64::from(chrono::Datelike::year(&today));
            if let Some(plan) = db.plan_in_force(commune, year).await? {
                let mut rows = db
                    .open_occurrences(plan.id, user.unit_id, None, &iso, 200)
                    .await?;
                rows.extend(
                    db.open_occurrences(plan.id, user.unit_id, Some(&iso), &ahead, 200)
                        .await?,
                );
                for o in rows {
                    let Some(due_on) = day(&o.due_on) else {
                        continue;
                    };
                    out.push(Reminder {
                        kind: ReminderKind::Task,
                        title: format!("{} {}", o.task_ref, o.task_text).trim().to_string(),
                        what: o.label.clone(),
                        due_on,
                        overdue: due_on < today,
                        link: format!("/tasks/{}", o.task_id),
                        uid: format!("occurrence-{}", o.id),
                    });
                }
            }
            for e in crate::registers::due_entries(&mut db, &[commune], user.unit_id, today).await?
            {
                let Some(due_on) = day(&e.due_on) else {
                    continue;
                };
                out.push(Reminder {
                    kind: ReminderKind::Register,
                    title: format!("{}: {}", e.kind.def().short, e.title),
                    what: e.what.clone(),
                    due_on,
                    overdue: e.overdue,
                    link: format!("/registers/{}/{}", e.kind.slug(), e.id),
                    uid: format!("entry-{}", e.id),
                });
            }
            drop(db);
            let commune_scope = self.read().await?.commune(commune).await?.scope();
            if user.actor().can_write_reports(commune_scope)
                && let Some(v) = self.reports_of_commune(user, Some(commune)).await?
            {
                for d in v.due {
                    let status = d.report.as_ref().map(|r| r.status);
                    let what = match status {
                        Some(ReportStatus::Submitted | ReportStatus::Accepted) => continue,
                        Some(ReportStatus::Returned) => "Hoàn thiện và gửi lại báo cáo bị trả lại",
                        Some(ReportStatus::Draft) => "Hoàn thiện và gửi báo cáo",
                        None => "Lập và gửi báo cáo",
                    };
                    if d.due_on > today + chrono::Duration::days(AHEAD_DAYS) {
                        continue;
                    }
                    let (link, uid) = match &d.report {
                        Some(r) => (format!("/reports/{}", r.id), format!("report-{}", r.id)),
                        None => (
                            format!("/reports?commune={commune}"),
                            format!(
                                "report-{}-{}-{}",
                                d.regime_id,
                                d.period.map(|p| p.to_string()).unwrap_or_default(),
                                d.entry.as_ref().map_or(0, |e| e.0)
                            ),
                        ),
                    };
                    out.push(Reminder {
                        kind: ReminderKind::Report,
                        title: format!("{} — {}", d.regime_name, d.label_vi()),
                        what: what.to_string(),
                        due_on: d.due_on,
                        overdue: d.due_on < today,
                        link,
                        uid,
                    });
                }
            }
        }
        if let Some(province) = user.province_id
            && user.actor().can_review_reports(province)
        {
            let q = self.review_queue(user).await?;
            for r in q.waiting {
                let sent = r
                    .first_submitted_on
                    .as_deref()
                    .and_then(day)
                    .unwrap_or(today);
                out.push(Reminder {
                    kind: ReminderKind::Review,
                    title: format!("{} — {}", r.commune_name, r.regime_name),
                    what: "Xem xét, tiếp nhận hoặc trả lại báo cáo".into(),
                    due_on: today.max(sent),
                    overdue: false,
                    link: format!("/reports/{}", r.id),
                    uid: format!("review-{}", r.id),
                });
            }
        }
        out.sort_by(|a, b| {
            (a.due_on, a.kind as u8, &a.title).cmp(&(b.due_on, b.kind as u8, &b.title))
        });
        Ok(out)
    }

    /// Gives the user a new secret calendar address (the old one stops working); the token
    /// of the address, shown once.
    pub async fn new_calendar_feed(&self, user: &User) -> Result<String> {
        let token = crate::auth::random_token();
        let mut tx = self.write().await?;
        tx.set_calendar_feed(user.id, &crate::auth::sha256_hex(&token))
            .await?;
        tx.record(
            Some(user.id),
            None,
            Object::User(user.id),
            &domain::audit::AuditEvent::CalendarFeedMade,
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// Ends the user's calendar address.
    pub async fn end_calendar_feed(&self, user: &User) -> Result<()> {
        let mut tx = self.write().await?;
        if tx.remove_calendar_feed(user.id).await? {
            tx.record(
                Some(user.id),
                None,
                Object::User(user.id),
                &domain::audit::AuditEvent::CalendarFeedEnded,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// When the user's calendar address was made, if it has one.
    pub async fn calendar_feed_made(&self, user: &User) -> Result<Option<i64>> {
        Ok(self.read().await?.calendar_feed_of(user.id).await?)
    }

    /// The iCalendar feed of a secret address: the reminders of its user. `NotFound` for an
    /// unknown or ended address, or a deactivated account.
    pub async fn calendar_feed(&self, token: &str, base_url: &str) -> Result<String> {
        if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::NotFound);
        }
        let mut db = self.read().await?;
        let id = db
            .user_of_calendar_feed(&crate::auth::sha256_hex(token))
            .await?
            .ok_or(Error::NotFound)?;
        let user = db.user(id).await?;
        drop(db);
        let reminders = self.reminders(&user).await?;
        Ok(ics(&reminders, base_url, self.today()))
    }
}

/// Escapes a text value (RFC 5545 §3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// The reminders as an iCalendar document: one all-day event on each due day, with the
/// page where it is done.
pub fn ics(reminders: &[Reminder], base_url: &str, today: NaiveDate) -> String {
    let mut out = String::new();
    let stamp = format!("{}T000000Z", today.format("%Y%m%d"));
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//doingoai//Nhac viec cong tac doi ngoai//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Nhắc việc công tác đối ngoại",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ] {
        fold(l, &mut out);
    }
    let base = base_url.trim_end_matches('/');
    for r in reminders {
        let summary = format!(
            "{}{}: {}",
            if r.overdue { "[Quá hạn] " } else { "" },
            r.kind.label_vi(),
            r.title
        );
        let next = r.due_on.succ_opt().unwrap_or(r.due_on);
        for l in [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}@doingoai", r.uid),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", r.due_on.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
            format!("SUMMARY:{}", escape(&summary)),
            format!("DESCRIPTION:{}", escape(&r.what)),
            format!("URL:{base}{}", r.link),
            "TRANSP:TRANSPARENT".to_string(),
            "END:VEVENT".to_string(),
        ] {
            fold(&l, &mut out);
        }
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_vietnamese_lines_are_folded_at_75_octets_between_characters() {
        let mut out = String::new();
        fold(
            &format!("SUMMARY:{}", "Tổ chức hội nghị ".repeat(8)),
            &mut out,
        );
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(
            unfolded.strip_suffix("\r\n").unwrap(),
            format!("SUMMARY:{}", "Tổ chức hội nghị ".repeat(8))
        );
    }

    #[test]
    fn text_values_escape_their_separators() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }

    #[test]
    fn a_feed_has_one_all_day_event_per_reminder() {
        let d = NaiveDate::from_ymd_opt(2026, 6, 16).unwrap();
        let r = Reminder {
            kind: ReminderKind::Report,
            title: "Báo cáo 6 tháng".into(),
            what: "Gửi báo cáo".into(),
            due_on: d,
            overdue: true,
            link: "/reports/3".into(),
            uid: "report-3".into(),
        };
        let s = ics(&[r], "https://x.vn/", d);
        assert!(s.contains("DTSTART;VALUE=DATE:20260616\r\n"));
        assert!(s.contains("DTEND;VALUE=DATE:20260617\r\n"));
        assert!(s.contains("SUMMARY:[Quá hạn] Báo cáo: Báo cáo 6 tháng\r\n"));
        assert!(s.contains("URL:https://x.vn/reports/3\r\n"));
        assert_eq!(s.matches("BEGIN:VEVENT").count(), 1);
        assert!(s.ends_with("END:VCALENDAR\r\n"));
    }
}
