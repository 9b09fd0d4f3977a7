-- The members-list indexes carry name and email, so a substring search that
-- walks one in sort order filters from the index alone (index-only scan).
DROP INDEX memberships_by_name;
DROP INDEX memberships_by_email;
DROP INDEX memberships_by_joined;
DROP INDEX memberships_by_role;
CREATE INDEX memberships_by_name   ON memberships (org_id, name_lower, id) INCLUDE (email_lower);
CREATE INDEX memberships_by_email  ON memberships (org_id, email_lower, id) INCLUDE (name_lower);
CREATE INDEX memberships_by_joined ON memberships (org_id, joined_at, id) INCLUDE (name_lower, email_lower);
CREATE INDEX memberships_by_role   ON memberships (org_id, role, name_lower, id) INCLUDE (email_lower);
