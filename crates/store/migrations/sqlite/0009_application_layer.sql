-- The application layer (issue 13): optimistic concurrency, discarding drafts, typed audit
-- events, carried-over progress, expiring API tokens, idempotent requests, staged uploads
-- and the log of personal-data reads. Same tables, columns and constraint names as
-- migrations/postgres/0009_application_layer.sql.

-- Every save of a section or task names the version it was edited from; a save from an
-- older version is refused with both texts shown (never a silent overwrite).
ALTER TABLE sections ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tasks ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- A discarded draft keeps its rows (deleted_at, already there) and who discarded it.
ALTER TABLE plans ADD COLUMN deleted_by INTEGER REFERENCES users (id);

-- The folded full name, for the accounts list's search and sort in SQL; rows from before
-- this migration are filled in by the store when it opens the database (folding is Rust's).
ALTER TABLE users ADD COLUMN name_folded TEXT;

-- The typed event (domain::audit::AuditEvent as JSON); before_json/after_json stay for the
-- rows written before it.
ALTER TABLE audit_log ADD COLUMN event_json TEXT;
CREATE INDEX audit_log_kind_idx ON audit_log (object_type, commune_id, id);

-- A progress update copied into an amended plan's task names the update it copies.
ALTER TABLE progress_updates ADD COLUMN carried_from INTEGER REFERENCES progress_updates (id);

ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN last_used_at INTEGER;

CREATE TABLE idempotency (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    result_json TEXT,
    created_at INTEGER NOT NULL,
    CONSTRAINT idempotency_user_key_key UNIQUE (user_id, key)
);
CREATE INDEX idempotency_created_idx ON idempotency (created_at);

CREATE TABLE staged_uploads (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id),
    commune_id INTEGER NOT NULL REFERENCES communes (id),
    origin TEXT NOT NULL,
    province_plan_id INTEGER REFERENCES province_plans (id),
    filename TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    CONSTRAINT staged_uploads_token_key UNIQUE (token_hash)
);

CREATE TABLE personal_reads (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id),
    object_type TEXT NOT NULL,
    object_id INTEGER NOT NULL,
    fields TEXT NOT NULL,
    purpose TEXT NOT NULL
);
CREATE INDEX personal_reads_object_idx ON personal_reads (object_type, object_id);
