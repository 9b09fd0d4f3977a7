-- R12: an assignment is active while any source remains — a direct
-- assignment or a group assigned to the task that the user is in. `direct`
-- records the first; the groups are read from task_groups and group
-- membership. Keep in step with the other backend.
ALTER TABLE assignments ADD COLUMN direct INTEGER NOT NULL DEFAULT 0;
UPDATE assignments SET direct = 1 WHERE group_id IS NULL AND status = 'active';
