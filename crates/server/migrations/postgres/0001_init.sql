-- Roster schema, PostgreSQL flavour. Keep in step with ../sqlite/0001_init.sql.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
    id             BIGSERIAL PRIMARY KEY,
    email          TEXT NOT NULL,
    email_lower    TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    password_hash  TEXT,
    email_verified BIGINT NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL
);

CREATE TABLE orgs (
    id                  BIGSERIAL PRIMARY KEY,
    name                TEXT NOT NULL,
    owner_id            BIGINT NOT NULL REFERENCES users(id),
    seat_limit          BIGINT,
    invite_expiry_days  BIGINT NOT NULL DEFAULT 7,
    template            TEXT NOT NULL DEFAULT 'default',
    state               TEXT NOT NULL DEFAULT 'active',
    lock_seq            BIGINT NOT NULL DEFAULT 0,
    created_at          BIGINT NOT NULL
);

CREATE TABLE memberships (
    id                BIGSERIAL PRIMARY KEY,
    org_id            BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id           BIGINT NOT NULL REFERENCES users(id),
    role              TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'active',
    name              TEXT NOT NULL,
    email             TEXT NOT NULL,
    -- Lower-cased sort keys: the list sorts case-insensitively on an index.
    name_lower        TEXT COLLATE "C" NOT NULL,
    email_lower       TEXT COLLATE "C" NOT NULL,
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
CREATE INDEX memberships_search ON memberships USING gin ((name_lower || ' ' || email_lower) gin_trgm_ops);

CREATE TABLE invitations (
    id            BIGSERIAL PRIMARY KEY,
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
    superseded_at BIGINT
);
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

CREATE TABLE user_tokens (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL,
    user_id    BIGINT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);

CREATE TABLE audit_events (
    id          BIGSERIAL PRIMARY KEY,
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
    id              BIGSERIAL PRIMARY KEY,
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

CREATE TABLE rate_limits (
    bucket       TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits         BIGINT NOT NULL
);
