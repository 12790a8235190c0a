-- Organisation tree and people. Conventions (shared with migrations/postgres): ids and
-- integers are 64-bit, flags are INTEGER 0/1, instants are epoch seconds, calendar dates are
-- ISO 'YYYY-MM-DD' text. Constraint names are stable: the store maps them to form messages.
CREATE TABLE provinces (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT provinces_name_key UNIQUE (name)
);

CREATE TABLE communes (
    id INTEGER PRIMARY KEY,
    province_id INTEGER NOT NULL REFERENCES provinces (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT communes_kind_check CHECK (kind IN ('xa', 'phuong', 'dac_khu')),
    CONSTRAINT communes_province_name_key UNIQUE (province_id, name_folded)
);

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    commune_id INTEGER NOT NULL REFERENCES communes (id),
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    CONSTRAINT units_commune_name_key UNIQUE (commune_id, name_folded)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    province_id INTEGER REFERENCES provinces (id),
    commune_id INTEGER REFERENCES communes (id),
    unit_id INTEGER REFERENCES units (id),
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    CONSTRAINT users_username_key UNIQUE (username),
    CONSTRAINT users_role_check CHECK (role IN
        ('admin', 'province_officer', 'commune_leader', 'commune_office', 'unit_staff', 'viewer'))
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    CONSTRAINT api_tokens_hash_key UNIQUE (token_hash)
);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_failures_key_idx ON login_failures (key, at);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    user_id INTEGER REFERENCES users (id),
    commune_id INTEGER REFERENCES communes (id),
    object_type TEXT NOT NULL,
    object_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id);
