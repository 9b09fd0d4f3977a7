-- Bulk import commits (issue 11): one row per commit, written before the
-- import's own transaction, so any instance can report it. rows_done moves
-- while it runs (PostgreSQL); report holds the per-row outcome once done.
-- A commit that dies leaves its row 'running' with a stale heartbeat: it
-- is reported as failed, and nothing of it was written.
CREATE TABLE import_jobs (
    id              BIGSERIAL PRIMARY KEY,
    org_id          BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    actor_id        BIGINT NOT NULL REFERENCES users(id),
    key_id          BIGINT,
    plan_id         TEXT NOT NULL,
    idempotency_key TEXT,
    state           TEXT NOT NULL DEFAULT 'running',
    rows_total      BIGINT NOT NULL,
    rows_done       BIGINT NOT NULL DEFAULT 0,
    report          TEXT,
    error           TEXT,
    created_at      BIGINT NOT NULL,
    heartbeat_at    BIGINT NOT NULL,
    finished_at     BIGINT,
    CONSTRAINT import_jobs_state_check CHECK (state IN ('running', 'done', 'failed'))
);
CREATE UNIQUE INDEX import_jobs_idempotency ON import_jobs (org_id, idempotency_key);

-- Groups and project roles an imported row gives, kept on its invitation
-- until it is accepted (JSON: {"groups": [id], "projects": [[id, role]]}).
ALTER TABLE invitations ADD COLUMN grants TEXT;
