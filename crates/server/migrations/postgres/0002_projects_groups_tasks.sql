-- Projects, groups and tasks (issue 6). Keep in step with the other backend.

CREATE TABLE projects (
    id         BIGSERIAL PRIMARY KEY,
    org_id     BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    owner_id   BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX projects_by_org   ON projects (org_id, name, id);
CREATE INDEX projects_by_owner ON projects (org_id, owner_id);

-- Direct project roles.
CREATE TABLE project_members (
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    role       TEXT NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_by_user ON project_members (user_id);

-- Named sets of members of one org (GROUPS is an SQL keyword, hence org_).
CREATE TABLE org_groups (
    id         BIGSERIAL PRIMARY KEY,
    org_id     BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (org_id, name)
);
CREATE TABLE org_group_members (
    group_id BIGINT NOT NULL REFERENCES org_groups(id) ON DELETE CASCADE,
    user_id  BIGINT NOT NULL REFERENCES users(id),
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX org_group_members_by_user ON org_group_members (user_id);

-- A group's role in a project: each member holds it (R12).
CREATE TABLE project_groups (
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    group_id   BIGINT NOT NULL REFERENCES org_groups(id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    PRIMARY KEY (project_id, group_id)
);

CREATE TABLE tasks (
    id         BIGSERIAL PRIMARY KEY,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    mode       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX tasks_by_project ON tasks (project_id, id);

-- Groups assigned to (pull) tasks.
CREATE TABLE task_groups (
    task_id  BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES org_groups(id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, group_id)
);
CREATE INDEX task_groups_by_group ON task_groups (group_id);

-- Each assignee's assignment; one leaving a group turns theirs inactive.
CREATE TABLE assignments (
    task_id  BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    user_id  BIGINT NOT NULL REFERENCES users(id),
    status   TEXT NOT NULL,
    group_id BIGINT,
    PRIMARY KEY (task_id, user_id)
);
CREATE INDEX assignments_by_user ON assignments (user_id);
