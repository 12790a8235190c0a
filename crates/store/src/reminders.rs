//! Users' calendar feeds (migration 0013): the hash of each user's secret feed address.

use crate::{Db, Result, Tx, now};

impl Db {
    /// The active user whose feed has this token hash.
    pub async fn user_of_calendar_feed(&mut self, token_hash: &str) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id \
             WHERE f.token_hash = $1 AND u.active = 1",
        )
        .bind(token_hash)
        .fetch_optional(self.c())
        .await?)
    }

    /// When the user's feed was made (epoch seconds), if it has one.
    pub async fn calendar_feed_of(&mut self, user_id: i64) -> Result<Option<i64>> {
        Ok(
            sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(self.c())
                .await?,
        )
    }
}

impl Tx {
    /// Gives the user a new feed address, replacing the old one.
    pub async fn set_calendar_feed(&mut self, user_id: i64, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
            .bind(user_id)
            .execute(self.c())
            .await?;
        sqlx::query(
            "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(user_id)
        .bind(token_hash)
        .bind(now())
        .execute(self.c())
        .await?;
        Ok(())
    }

    /// Ends the user's feed; whether there was one.
    pub async fn remove_calendar_feed(&mut self, user_id: i64) -> Result<bool> {
        Ok(sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
            .bind(user_id)
            .execute(self.c())
            .await?
            .rows_affected()
            == 1)
    }
}

/// A user who receives reminders by e-mail (migration 0014).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MailRecipient {
    pub user_id: i64,
    pub address: String,
}

impl Db {
    /// The address the user gave for reminders.
    pub async fn mail_address_of(&mut self, user_id: i64) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT address FROM mail_addresses WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(self.c())
                .await?,
        )
    }

    /// Active users with an address who have not been sent the digest of `day` (ISO date).
    pub async fn mail_recipients(&mut self, day: &str) -> Result<Vec<MailRecipient>> {
        Ok(sqlx::query_as(
            "SELECT m.user_id, m.address FROM mail_addresses m JOIN users u ON u.id = m.user_id \
             WHERE u.active = 1 AND NOT EXISTS (SELECT 1 FROM reminder_mails r \
             WHERE r.user_id = m.user_id AND r.sent_on = $1) ORDER BY m.user_id",
        )
        .bind(day)
        .fetch_all(self.c())
        .await?)
    }

    /// When the last digest was sent to the user (epoch seconds) and with how many items.
    pub async fn last_reminder_mail(&mut self, user_id: i64) -> Result<Option<(i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT sent_at, items FROM reminder_mails WHERE user_id = $1 \
             ORDER BY sent_on DESC LIMIT 1",
        )
        .bind(user_id)
        .fetch_optional(self.c())
        .await?)
    }
}

impl Tx {
    /// Sets (or with `None` removes) the user's address for reminders.
    pub async fn set_mail_address(&mut self, user_id: i64, address: Option<&str>) -> Result<()> {
        sqlx::query("DELETE FROM mail_addresses WHERE user_id = $1")
            .bind(user_id)
            .execute(self.c())
            .await?;
        if let Some(a) = address {
            sqlx::query(
                "INSERT INTO mail_addresses (user_id, address, created_at) VALUES ($1, $2, $3)",
            )
            .bind(user_id)
            .bind(a)
            .bind(now())
            .execute(self.c())
            .await?;
        }
        Ok(())
    }

    /// Claims the digest of `day` for the user: false when it was already claimed (by this
    /// or another server), so that it is sent once.
    pub async fn claim_reminder_mail(
        &mut self,
        user_id: i64,
        day: &str,
        items: i64,
    ) -> Result<bool> {
        Ok(sqlx::query(
            "INSERT INTO reminder_mails (user_id, sent_on, sent_at, items) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, sent_on) DO NOTHING",
        )
        .bind(user_id)
        .bind(day)
        .bind(now())
        .bind(items)
        .execute(self.c())
        .await?
        .rows_affected()
            == 1)
    }

    /// Gives back a claim whose sending failed, so that the next round tries again.
    pub async fn release_reminder_mail(&mut self, user_id: i64, day: &str) -> Result<()> {
        sqlx::query("DELETE FROM reminder_mails WHERE user_id = $1 AND sent_on = $2")
            .bind(user_id)
            .bind(day)
            .execute(self.c())
            .await?;
        Ok(())
    }
}
