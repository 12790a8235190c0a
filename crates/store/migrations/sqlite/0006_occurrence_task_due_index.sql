-- Occurrences are only ever reached through their task: the dashboards, the task list, the
-- overdue and due-soon lists and the province overview all join tasks -> occurrences and
-- read due_on, status and percent. One index serves them all:
--   * (task_id, due_on) lets "due in [from, to]" for one commune's tasks be a range per
--     task. With only occurrences_due_idx, PostgreSQL's generic plan (it cannot see the
--     dates) scanned the window for every commune of the province and then kept this
--     commune's rows: 2,022 rows for 29 in the benchmark, 2.3 ms -> 0.5 ms.
--   * status and percent make it covering, so the counts read no table rows (SQLite
--     always, PostgreSQL on all-visible pages): the province overview query alone on
--     SQLite 13 -> 10.6 ms (best of 60), the per-commune aggregates on PostgreSQL about
--     30 % less than with an index on (task_id, due_on) alone.
-- It replaces occurrences_task_idx (0005), a prefix of it, and occurrences_due_idx, which no
-- query starts from and which only misled the planner. Cost: a progress update now changes
-- an indexed column (no HOT update on PostgreSQL); updates are typed by people, rare.
DROP INDEX occurrences_due_idx;
DROP INDEX occurrences_task_idx;
CREATE INDEX occurrences_task_due_idx ON occurrences (task_id, due_on, status, percent);
