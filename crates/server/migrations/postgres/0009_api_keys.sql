-- API keys (R17): service identities of an org. Only hashes of secrets are
-- kept; the previous secret stays valid until previous_until after a
-- rotation with grace. Rate counts live in rate_limits, per key.
CREATE TABLE api_keys (
    id              BIGSERIAL PRIMARY KEY,
    org_id          BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    owner_id        BIGINT NOT NULL REFERENCES users(id),
    name            TEXT NOT NULL,
    role            TEXT NOT NULL,
    scope           TEXT,
    secret_hash     TEXT NOT NULL,
    display         TEXT NOT NULL,
    previous_hash   TEXT,
    previous_until  BIGINT,
    state           TEXT NOT NULL DEFAULT 'active',
    expires_at      BIGINT NOT NULL,
    created_by      BIGINT NOT NULL REFERENCES users(id),
    created_at      BIGINT NOT NULL,
    last_used_at    BIGINT,
    last_used_addr  TEXT,
    CONSTRAINT api_keys_state_check CHECK (state IN ('active', 'disabled', 'revoked'))
);
CREATE UNIQUE INDEX api_keys_secret ON api_keys (secret_hash);
CREATE UNIQUE INDEX api_keys_previous ON api_keys (previous_hash);
CREATE INDEX api_keys_by_org ON api_keys (org_id, id);

-- Who acted (a user, an API key, Roster itself), through what, and from
-- which request.
ALTER TABLE audit_events ADD COLUMN key_id BIGINT;
ALTER TABLE audit_events ADD COLUMN actor_type TEXT NOT NULL DEFAULT 'user'
    CONSTRAINT audit_events_actor_type_check CHECK (actor_type IN ('user', 'key', 'system'));
ALTER TABLE audit_events ADD COLUMN source TEXT NOT NULL DEFAULT 'ui'
    CONSTRAINT audit_events_source_check CHECK (source IN ('ui', 'api', 'import', 'autojoin', 'system'));
ALTER TABLE audit_events ADD COLUMN client_addr TEXT;
ALTER TABLE audit_events ADD COLUMN user_agent TEXT;
ALTER TABLE audit_events ADD COLUMN request_id TEXT;
