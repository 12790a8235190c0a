-- Register entries (issue 10) gain their files and the plan they were planned in. Same
-- tables, columns and constraint names as migrations/postgres/0011_entry_files.sql.

-- The plan whose annex tables planned the entry (a delegation or conference "dự kiến"),
-- so that importing the plan again does not plan it twice.
ALTER TABLE register_entries ADD COLUMN plan_id INTEGER REFERENCES plans (id);
CREATE INDEX register_entries_plan_idx ON register_entries (plan_id);

-- Files attached to an entry (the decision sending a delegation, the after-trip report,
-- the signed agreement...). The bytes are kept in the database, as progress evidence is,
-- so that a backup of the database holds them. A file taken off the entry is deleted
-- (it may hold personal data uploaded by mistake); the entry's history keeps its name.
CREATE TABLE register_files (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES register_entries (id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    uploaded_by INTEGER REFERENCES users (id),
    uploaded_at INTEGER NOT NULL,
    CONSTRAINT register_files_size_check CHECK (size_bytes >= 0)
);
CREATE INDEX register_files_entry_idx ON register_files (entry_id);
