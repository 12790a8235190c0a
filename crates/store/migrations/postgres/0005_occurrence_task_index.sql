-- Occurrences are always reached through their task (dashboards, task lists, overdue lists).
-- The unique key (task_id, seq) covers that too, but PostgreSQL's planner prefers a full
-- scan of all occurrences over it; a narrow index on task_id alone makes the per-commune
-- aggregates use nested index lookups (progress by unit: 7.2 ms -> 1.2 ms at 30 communes).
CREATE INDEX occurrences_task_idx ON occurrences (task_id);
