-- Full-text search over folded texts (DESIGN.md, "Search"): the Rust side folds text
-- (NFC, tones off, đ→d, lowercase, punctuation → spaces) into *_folded columns; these GIN
-- indexes over their 'simple' tsvector make a search an index lookup instead of a scan.
-- Queries must use the same expression, to_tsvector('simple', <column>).

CREATE INDEX tasks_text_search ON tasks USING GIN (to_tsvector('simple', text_folded));
CREATE INDEX plans_title_search ON plans USING GIN (to_tsvector('simple', title_folded));
