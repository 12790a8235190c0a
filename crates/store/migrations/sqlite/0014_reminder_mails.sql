-- E-mail reminders (issue 11, reminders): the address a user has given for them, and the
-- days a digest was sent to each user, so that a restarted server, a second server or a
-- cron job run twice never sends the same day's digest twice (the key is claimed before
-- sending and released when the sending fails). Same names as
-- migrations/postgres/0014_reminder_mails.sql.
CREATE TABLE mail_addresses (
    user_id INTEGER PRIMARY KEY REFERENCES users (id),
    address TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE reminder_mails (
    user_id INTEGER NOT NULL REFERENCES users (id),
    sent_on TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    items INTEGER NOT NULL,
    PRIMARY KEY (user_id, sent_on)
);
