-- Report regimes, reports and their review (issue 11). Same tables, columns and constraint
-- names as migrations/postgres/0012_reports.sql.

-- A province's report regimes (Decree 09/2019/NĐ-CP art. 8): data, not code. `outline` and
-- `annexes` are JSON the domain parses (domain::report::Regime). A regime that reports
-- have used is never deleted, only made inactive.
CREATE TABLE report_regimes (
    id INTEGER PRIMARY KEY,
    province_id INTEGER NOT NULL REFERENCES provinces (id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    frequency TEXT NOT NULL,
    cut_off TEXT NOT NULL,
    deadline_rule TEXT NOT NULL,
    deadline_days INTEGER NOT NULL,
    event_register TEXT,
    receiver TEXT NOT NULL,
    outline TEXT NOT NULL,
    annexes TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1,
    updated_by INTEGER REFERENCES users (id),
    updated_at INTEGER NOT NULL,
    CONSTRAINT report_regimes_province_code_key UNIQUE (province_id, code),
    CONSTRAINT report_regimes_kind_check CHECK (kind IN ('periodic', 'event', 'ad_hoc')),
    CONSTRAINT report_regimes_deadline_check CHECK (deadline_days >= 0)
);

-- Corrections to the shipped holiday calendar (domain::report::calendar): a day off the
-- Government decided, a make-up Saturday, a shipped holiday that is not one.
CREATE TABLE calendar_days (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    updated_at INTEGER NOT NULL,
    CONSTRAINT calendar_days_kind_check CHECK (kind IN ('holiday', 'working_day'))
);

-- A commune's report of a regime: for a period (periodic), after an entry of a register
-- (event), or on its own window (ad hoc). Its figures are computed from the records while
-- it is a draft; each submission freezes text and figures in report_versions. `texts` is
-- the officer's prose, JSON keyed by outline heading.
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    commune_id INTEGER NOT NULL REFERENCES communes (id),
    regime_id INTEGER NOT NULL REFERENCES report_regimes (id),
    period TEXT,
    entry_id INTEGER REFERENCES register_entries (id),
    window_from TEXT NOT NULL,
    window_to TEXT NOT NULL,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft',
    number TEXT NOT NULL DEFAULT '',
    texts TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    first_submitted_on TEXT,
    CONSTRAINT reports_status_check CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
    CONSTRAINT reports_window_check CHECK (window_from <= window_to)
);
-- One report per commune, regime and period, and per commune, regime and event: a second
-- "draft" click or two officers at once find the first one.
CREATE UNIQUE INDEX reports_period_key ON reports (commune_id, regime_id, period)
    WHERE period IS NOT NULL;
CREATE UNIQUE INDEX reports_entry_key ON reports (commune_id, regime_id, entry_id)
    WHERE entry_id IS NOT NULL;
CREATE INDEX reports_status_idx ON reports (status, commune_id);

-- Each submission: the frozen text and figures (JSON of app::reports::ReportContent), the
-- signed file, who sent it and on which day (late is derived from it and reports.due_on).
CREATE TABLE report_versions (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id),
    seq INTEGER NOT NULL,
    content TEXT NOT NULL,
    filename TEXT,
    content_type TEXT,
    size_bytes INTEGER,
    bytes BLOB,
    submitted_by INTEGER REFERENCES users (id),
    submitted_at INTEGER NOT NULL,
    submitted_on TEXT NOT NULL,
    CONSTRAINT report_versions_report_seq_key UNIQUE (report_id, seq)
);

-- The province's review: a return with its reasons, an acceptance, a remark.
CREATE TABLE report_comments (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id),
    version_seq INTEGER NOT NULL,
    action TEXT NOT NULL,
    body TEXT NOT NULL,
    author_id INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL,
    CONSTRAINT report_comments_action_check CHECK (action IN ('returned', 'accepted', 'comment'))
);
CREATE INDEX report_comments_report_idx ON report_comments (report_id, id);
