-- Roster schema, SQLite flavour. Times are unix seconds (BIGINT), booleans
-- are 0/1 integers: the same types decode through sqlx's Any driver on both
-- backends. Keep in step with ../postgres/0001_init.sql.

CREATE TABLE users (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    email          TEXT NOT NULL,
    email_lower    TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    password_hash  TEXT,
    email_verified INTEGER NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL
);

CREATE TABLE orgs (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    name                TEXT NOT NULL,
    owner_id            BIGINT NOT NULL REFERENCES users(id),
    seat_limit          BIGINT,
    invite_expiry_days  BIGINT NOT NULL DEFAULT 7,
    template            TEXT NOT NULL DEFAULT 'default',
    state               TEXT NOT NULL DEFAULT 'active',
    -- Bumped as the first statement of every transaction that a counted
    -- rule depends on: the row lock serializes them (see db::lock_org).
    lock_seq            BIGINT NOT NULL DEFAULT 0,
    created_at          BIGINT NOT NULL
);

CREATE TABLE memberships (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id            BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id           BIGINT NOT NULL REFERENCES users(id),
    role              TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'active',
    -- Copied from users so the members list pages and searches on one index.
    name              TEXT NOT NULL,
    email             TEXT NOT NULL,
    -- Lower-cased sort keys: the list sorts case-insensitively on an index.
    name_lower        TEXT NOT NULL,
    email_lower       TEXT NOT NULL,
    joined_at         BIGINT NOT NULL,
    access_expires_at BIGINT,
    UNIQUE (org_id, user_id)
);
CREATE INDEX memberships_by_name  ON memberships (org_id, name_lower, id);
CREATE INDEX memberships_by_email ON memberships (org_id, email_lower, id);
CREATE INDEX memberships_by_joined ON memberships (org_id, joined_at, id);
CREATE INDEX memberships_by_role  ON memberships (org_id, role, name_lower, id);
CREATE INDEX memberships_by_user  ON memberships (user_id);
-- Seat usage (R7) counts active members from this index alone.
CREATE INDEX memberships_by_status ON memberships (org_id, status, access_expires_at);

-- Substring search over name and email (trigram FTS5).
CREATE VIRTUAL TABLE memberships_fts USING fts5(
    name, email, content='memberships', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER memberships_fts_ai AFTER INSERT ON memberships BEGIN
    INSERT INTO memberships_fts(rowid, name, email) VALUES (new.id, new.name, new.email);
END;
CREATE TRIGGER memberships_fts_ad AFTER DELETE ON memberships BEGIN
    INSERT INTO memberships_fts(memberships_fts, rowid, name, email) VALUES ('delete', old.id, old.name, old.email);
END;
CREATE TRIGGER memberships_fts_au AFTER UPDATE OF name, email ON memberships BEGIN
    INSERT INTO memberships_fts(memberships_fts, rowid, name, email) VALUES ('delete', old.id, old.name, old.email);
    INSERT INTO memberships_fts(rowid, name, email) VALUES (new.id, new.name, new.email);
END;

CREATE TABLE invitations (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id        BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    email         TEXT NOT NULL,
    email_lower   TEXT NOT NULL,
    role          TEXT NOT NULL,
    invited_by    BIGINT NOT NULL REFERENCES users(id),
    message       TEXT,
    token_hash    TEXT NOT NULL UNIQUE,
    created_at    BIGINT NOT NULL,
    sent_at       BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    accepted_at   BIGINT,
    revoked_at    BIGINT,
    declined_at   BIGINT,
    -- Set when a newer invitation replaces an expired one.
    superseded_at BIGINT
);
-- One open invitation per (org, email). An expired one is superseded in the
-- same transaction as the new invite, so it never blocks.
CREATE UNIQUE INDEX invitations_one_open ON invitations (org_id, email_lower)
    WHERE accepted_at IS NULL AND revoked_at IS NULL AND declined_at IS NULL AND superseded_at IS NULL;
CREATE INDEX invitations_by_org ON invitations (org_id, created_at, id);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token  TEXT NOT NULL,
    active_org  BIGINT,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- One-time links: email verification, password reset, first-owner setup.
CREATE TABLE user_tokens (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL,
    user_id    BIGINT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);

CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      BIGINT,
    actor_id    BIGINT,
    action      TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id   BIGINT,
    before      TEXT,
    after       TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX audit_by_org ON audit_events (org_id, id);

CREATE TABLE outbox (
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
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, failed_at, next_attempt_at);

-- Fixed-window counters shared by every instance.
CREATE TABLE rate_limits (
    bucket       TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits         BIGINT NOT NULL
);
