-- The foreign-affairs registers (issue 10): one table of entries for the twelve registers,
-- each entry's values as JSON (the non-personal and the personal fields apart, so a list
-- never reads the second and retention drops it whole), and the columns the lists, the
-- due dates and the figures are computed from in SQL. Same tables, columns and constraint
-- names as migrations/postgres/0010_registers.sql.

-- Only communes in border areas keep international agreements (Luật Thỏa thuận quốc tế
-- 2020, art. 2.2.i).
ALTER TABLE communes ADD COLUMN border INTEGER NOT NULL DEFAULT 0;
-- Days after return within which an after-trip report is due, per province.
ALTER TABLE provinces ADD COLUMN trip_report_days INTEGER NOT NULL DEFAULT 15;

CREATE TABLE register_entries (
    id INTEGER PRIMARY KEY,
    commune_id INTEGER NOT NULL REFERENCES communes (id),
    register TEXT NOT NULL,
    state TEXT NOT NULL,
    -- The unit that owns the entry (its staff see its personal fields).
    unit_id INTEGER REFERENCES units (id),
    -- The plan task the entry carries out, or unplanned = 1 (phát sinh ngoài kế hoạch).
    task_id INTEGER REFERENCES tasks (id),
    unplanned INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL,
    has_personal INTEGER NOT NULL DEFAULT 0,
    text_folded TEXT NOT NULL,
    -- The date that places the entry in a report window, and the end of the activity.
    on_date TEXT NOT NULL,
    end_date TEXT,
    members INTEGER,
    has_people INTEGER NOT NULL DEFAULT 0,
    pledged_vnd INTEGER,
    -- The entry's open due item.
    due_on TEXT,
    due_what TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    -- NULL: the console operator (an import from the command line).
    created_by INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    updated_at INTEGER NOT NULL,
    personal_removed_at INTEGER,
    deleted_at INTEGER,
    CONSTRAINT register_entries_unplanned_check CHECK (unplanned IN (0, 1)),
    CONSTRAINT register_entries_members_check CHECK (members IS NULL OR members >= 0),
    CONSTRAINT register_entries_pledged_check CHECK (pledged_vnd IS NULL OR pledged_vnd >= 0)
);
CREATE INDEX register_entries_list_idx ON register_entries (commune_id, register, on_date);
CREATE INDEX register_entries_due_idx ON register_entries (commune_id, due_on);
CREATE INDEX register_entries_task_idx ON register_entries (task_id);

-- An entry's values: the canonical text of each field, by key, as JSON.
CREATE TABLE register_values (
    entry_id INTEGER PRIMARY KEY REFERENCES register_entries (id),
    payload TEXT NOT NULL,
    personal TEXT
);

-- The countries an entry counts under, in order.
CREATE TABLE register_countries (
    entry_id INTEGER NOT NULL REFERENCES register_entries (id),
    position INTEGER NOT NULL,
    country TEXT NOT NULL,
    PRIMARY KEY (entry_id, position)
);
CREATE INDEX register_countries_country_idx ON register_countries (country, entry_id);

-- Who was on an entry's list, as a SHA-256 hash of the folded name and columns: distinct
-- persons are counted without a second copy of the names.
CREATE TABLE register_people (
    entry_id INTEGER NOT NULL REFERENCES register_entries (id),
    position INTEGER NOT NULL,
    person_key TEXT NOT NULL,
    PRIMARY KEY (entry_id, position)
);

-- An aid entry's disbursements, each counted in the window of its own date.
CREATE TABLE register_disbursements (
    entry_id INTEGER NOT NULL REFERENCES register_entries (id),
    position INTEGER NOT NULL,
    on_date TEXT NOT NULL,
    amount_vnd INTEGER NOT NULL,
    PRIMARY KEY (entry_id, position),
    CONSTRAINT register_disbursements_amount_check CHECK (amount_vnd >= 0)
);
