-- Full-text search over folded texts (DESIGN.md, "Search"): the Rust side folds text
-- (NFC, tones off, đ→d, lowercase, punctuation → spaces) into *_folded columns; FTS5 indexes
-- those words, so a search is an index lookup instead of a scan with LIKE. External-content
-- tables: the words live once, in tasks/plans; triggers keep the index in step.

CREATE VIRTUAL TABLE tasks_fts USING fts5(
    text_folded, content = 'tasks', content_rowid = 'id', tokenize = 'unicode61'
);
CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO tasks_fts (rowid, text_folded) VALUES (new.id, new.text_folded);
END;
CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
    INSERT INTO tasks_fts (tasks_fts, rowid, text_folded) VALUES ('delete', old.id, old.text_folded);
END;
CREATE TRIGGER tasks_fts_update AFTER UPDATE OF text_folded ON tasks BEGIN
    INSERT INTO tasks_fts (tasks_fts, rowid, text_folded) VALUES ('delete', old.id, old.text_folded);
    INSERT INTO tasks_fts (rowid, text_folded) VALUES (new.id, new.text_folded);
END;
INSERT INTO tasks_fts (tasks_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE plans_fts USING fts5(
    title_folded, content = 'plans', content_rowid = 'id', tokenize = 'unicode61'
);
CREATE TRIGGER plans_fts_insert AFTER INSERT ON plans BEGIN
    INSERT INTO plans_fts (rowid, title_folded) VALUES (new.id, new.title_folded);
END;
CREATE TRIGGER plans_fts_delete AFTER DELETE ON plans BEGIN
    INSERT INTO plans_fts (plans_fts, rowid, title_folded) VALUES ('delete', old.id, old.title_folded);
END;
CREATE TRIGGER plans_fts_update AFTER UPDATE OF title_folded ON plans BEGIN
    INSERT INTO plans_fts (plans_fts, rowid, title_folded) VALUES ('delete', old.id, old.title_folded);
    INSERT INTO plans_fts (rowid, title_folded) VALUES (new.id, new.title_folded);
END;
INSERT INTO plans_fts (plans_fts) VALUES ('rebuild');
