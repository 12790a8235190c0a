-- A user's calendar feed (issue 11, reminders): the secret address a phone's calendar
-- subscribes to, kept as the SHA-256 of its token (the address is shown once, like an API
-- token). One per user: making a new one replaces the old. Same table and constraint
-- names as migrations/postgres/0013_calendar_feeds.sql.
CREATE TABLE calendar_feeds (
    user_id INTEGER PRIMARY KEY REFERENCES users (id),
    token_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT calendar_feeds_token_key UNIQUE (token_hash)
);
