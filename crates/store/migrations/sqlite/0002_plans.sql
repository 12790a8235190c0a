-- Plans, their sections and tasks, schedules' occurrences and progress.
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    commune_id INTEGER NOT NULL REFERENCES communes (id),
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    title_folded TEXT NOT NULL,
    doc_number TEXT,
    issued_on TEXT,
    status TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    previous_id INTEGER REFERENCES plans (id),
    origin TEXT NOT NULL,
    document_json TEXT,
    source_text TEXT,
    created_by INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER,
    CONSTRAINT plans_status_check CHECK (status IN ('draft', 'submitted', 'issued', 'amended')),
    CONSTRAINT plans_year_check CHECK (year BETWEEN 2000 AND 2100)
);
CREATE INDEX plans_commune_idx ON plans (commune_id, year);

CREATE TABLE plan_files (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    kind TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL
);
CREATE INDEX plan_files_plan_idx ON plan_files (plan_id);

CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    parent_id INTEGER REFERENCES sections (id),
    position INTEGER NOT NULL,
    level INTEGER NOT NULL,
    label TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    deleted_at INTEGER
);
CREATE INDEX sections_plan_idx ON sections (plan_id, position);

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    commune_id INTEGER NOT NULL REFERENCES communes (id),
    section_id INTEGER REFERENCES sections (id),
    position INTEGER NOT NULL,
    ref_label TEXT NOT NULL,
    text TEXT NOT NULL,
    text_folded TEXT NOT NULL,
    lead_unit_id INTEGER REFERENCES units (id),
    lead_text TEXT,
    timeframe TEXT,
    recurrence TEXT NOT NULL,
    schedule_certain INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER
);
CREATE INDEX tasks_plan_idx ON tasks (plan_id, position);
CREATE INDEX tasks_commune_idx ON tasks (commune_id);
CREATE INDEX tasks_lead_idx ON tasks (lead_unit_id);

CREATE TABLE task_partners (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    unit_id INTEGER REFERENCES units (id),
    raw_text TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX task_partners_task_idx ON task_partners (task_id);
CREATE INDEX task_partners_unit_idx ON task_partners (unit_id);

CREATE TABLE occurrences (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    seq INTEGER NOT NULL,
    label TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'not_started',
    percent INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    CONSTRAINT occurrences_task_seq_key UNIQUE (task_id, seq),
    CONSTRAINT occurrences_percent_check CHECK (percent BETWEEN 0 AND 100)
);
CREATE INDEX occurrences_due_idx ON occurrences (due_on);

CREATE TABLE progress_updates (
    id INTEGER PRIMARY KEY,
    occurrence_id INTEGER NOT NULL REFERENCES occurrences (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    unit_id INTEGER REFERENCES units (id),
    status TEXT NOT NULL,
    percent INTEGER NOT NULL,
    note TEXT NOT NULL,
    evidence_url TEXT,
    evidence_name TEXT,
    evidence_type TEXT,
    evidence_bytes BLOB,
    created_at INTEGER NOT NULL,
    CONSTRAINT progress_percent_check CHECK (percent BETWEEN 0 AND 100)
);
CREATE INDEX progress_updates_occurrence_idx ON progress_updates (occurrence_id);
