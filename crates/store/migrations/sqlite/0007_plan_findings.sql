-- The lint findings of a plan's source file, stored when the file is stored (at import), so
-- the plan page reads them instead of parsing and linting the file again on every view.
--
-- linted_at: when the findings of this file were stored (epoch seconds); NULL for a file
-- never checked: every file stored before this migration, and files that are not a plan's
-- own source ('signed', 'basis'), which are never checked. A checked file with no finding
-- has linted_at set and no row below, so "clean" and "not checked yet" stay apart.
ALTER TABLE plan_files ADD COLUMN linted_at INTEGER;

-- One row per finding, in the order the checks reported them (position from 0). The
-- columns are those of lint::Finding: line 0 (and column 0) is about the whole document.
CREATE TABLE plan_findings (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES plan_files (id),
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    line_no INTEGER NOT NULL,
    column_no INTEGER NOT NULL,
    excerpt TEXT NOT NULL,
    message TEXT NOT NULL,
    suggestion TEXT,
    CONSTRAINT plan_findings_file_position_key UNIQUE (file_id, position),
    CONSTRAINT plan_findings_severity_check CHECK (severity IN ('error', 'warning', 'info'))
);
