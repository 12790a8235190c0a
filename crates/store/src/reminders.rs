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
