-- Every closed set of words a column holds is stated by the schema, named
-- the same on both backends (the parity test compares the names). Role
-- keys stay free-form: each template has its own.
--
-- SQLite cannot add a CHECK to a table, so each table is rebuilt the way
-- its manual says (https://sqlite.org/lang_altertable.html#otheralter):
-- copy, drop, rename, recreate indexes and triggers. Db::migrate runs
-- migrations with foreign keys off (dropping `orgs` must not cascade) and
-- checks every key afterwards.

CREATE TABLE orgs_new (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    name                TEXT NOT NULL,
    owner_id            BIGINT NOT NULL REFERENCES users(id),
    seat_limit          BIGINT,
    invite_expiry_days  BIGINT NOT NULL DEFAULT 7,
    template            TEXT NOT NULL DEFAULT 'default',
    state               TEXT NOT NULL DEFAULT 'active',
    lock_seq            BIGINT NOT NULL DEFAULT 0,
    created_at          BIGINT NOT NULL,
    CONSTRAINT orgs_state_check CHECK (state IN ('active')),
    CONSTRAINT orgs_template_check
        CHECK (template IN ('default', 'labeling', 'animl', 'dataloop', 'mlops', 'plainsight'))
);
INSERT INTO orgs_new SELECT id, name, owner_id, seat_limit, invite_expiry_days, template, state,
    lock_seq, created_at FROM orgs;
DROP TABLE orgs;
ALTER TABLE orgs_new RENAME TO orgs;

CREATE TABLE memberships_new (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id            BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id           BIGINT NOT NULL REFERENCES users(id),
    role              TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'active',
    name              TEXT NOT NULL,
    email             TEXT NOT NULL,
    name_lower        TEXT NOT NULL,
    email_lower       TEXT NOT NULL,
    joined_at         BIGINT NOT NULL,
    access_expires_at BIGINT,
    UNIQUE (org_id, user_id),
    CONSTRAINT memberships_status_check CHECK (status IN ('active', 'suspended'))
);
INSERT INTO memberships_new SELECT id, org_id, user_id, role, status, name, email, name_lower,
    email_lower, joined_at, access_expires_at FROM memberships;
DROP TABLE memberships;
ALTER TABLE memberships_new RENAME TO memberships;
-- As 0003 left them: covering the list's search.
CREATE INDEX memberships_by_name   ON memberships (org_id, name_lower, id, email_lower);
CREATE INDEX memberships_by_email  ON memberships (org_id, email_lower, id, name_lower);
CREATE INDEX memberships_by_joined ON memberships (org_id, joined_at, id, name_lower, email_lower);
CREATE INDEX memberships_by_role   ON memberships (org_id, role, name_lower, id, email_lower);
CREATE INDEX memberships_by_user  ON memberships (user_id);
CREATE INDEX memberships_by_status ON memberships (org_id, status, access_expires_at);
-- The search index's triggers went with the old table (see 0006).
CREATE TRIGGER memberships_fts_ai AFTER INSERT ON memberships BEGIN
    INSERT INTO memberships_fts(rowid, name_lower, email_lower) VALUES (new.id, new.name_lower, new.email_lower);
END;
CREATE TRIGGER memberships_fts_ad AFTER DELETE ON memberships BEGIN
    INSERT INTO memberships_fts(memberships_fts, rowid, name_lower, email_lower)
        VALUES ('delete', old.id, old.name_lower, old.email_lower);
END;
CREATE TRIGGER memberships_fts_au AFTER UPDATE OF name_lower, email_lower ON memberships BEGIN
    INSERT INTO memberships_fts(memberships_fts, rowid, name_lower, email_lower)
        VALUES ('delete', old.id, old.name_lower, old.email_lower);
    INSERT INTO memberships_fts(rowid, name_lower, email_lower) VALUES (new.id, new.name_lower, new.email_lower);
END;
INSERT INTO memberships_fts(memberships_fts) VALUES ('rebuild');

CREATE TABLE tasks_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    mode       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT tasks_mode_check CHECK (mode IN ('pull', 'distribution'))
);
INSERT INTO tasks_new SELECT id, project_id, name, mode, created_at FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_new RENAME TO tasks;
CREATE INDEX tasks_by_project ON tasks (project_id, id);

CREATE TABLE assignments_new (
    task_id  BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    user_id  BIGINT NOT NULL REFERENCES users(id),
    status   TEXT NOT NULL,
    group_id BIGINT,
    direct   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (task_id, user_id),
    CONSTRAINT assignments_status_check CHECK (status IN ('active', 'inactive')),
    CONSTRAINT assignments_direct_check CHECK (direct IN (0, 1))
);
INSERT INTO assignments_new SELECT task_id, user_id, status, group_id, direct FROM assignments;
DROP TABLE assignments;
ALTER TABLE assignments_new RENAME TO assignments;
CREATE INDEX assignments_by_user ON assignments (user_id);

CREATE TABLE user_tokens_new (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL,
    user_id    BIGINT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    CONSTRAINT user_tokens_purpose_check CHECK (purpose IN ('verify_email', 'reset_password', 'setup'))
);
INSERT INTO user_tokens_new SELECT token_hash, purpose, user_id, created_at, expires_at, used_at
    FROM user_tokens;
DROP TABLE user_tokens;
ALTER TABLE user_tokens_new RENAME TO user_tokens;

CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL,
    to_email        TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    link            TEXT,
    invitation_id   BIGINT,
    created_at      BIGINT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    sent_at         BIGINT,
    failed_at       BIGINT,
    last_error      TEXT,
    CONSTRAINT outbox_kind_check CHECK (kind IN
        ('invitation', 'invitation_resent', 'verify_email', 'password_reset', 'ownership_transfer'))
);
INSERT INTO outbox_new SELECT id, kind, to_email, subject, body, link, invitation_id, created_at,
    attempts, next_attempt_at, sent_at, failed_at, last_error FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (sent_at, failed_at, next_attempt_at);

