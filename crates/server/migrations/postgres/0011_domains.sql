-- Auto-join by a verified domain (R13, issue 11). A claim is pending
-- (verified_at NULL) until proven; only a verified claim admits anyone,
-- and one domain is verified by at most one org.
CREATE TABLE org_domains (
    id             BIGSERIAL PRIMARY KEY,
    org_id         BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    domain         TEXT NOT NULL,
    mode           TEXT NOT NULL DEFAULT 'suggest',
    default_role   TEXT NOT NULL,
    -- JSON array of group ids the joiner is put in.
    default_groups TEXT NOT NULL DEFAULT '[]',
    -- The value of the TXT record at _roster-challenge.<domain>.
    challenge      TEXT NOT NULL,
    created_by     BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at     BIGINT NOT NULL,
    verified_at    BIGINT,
    proof          TEXT,
    CONSTRAINT org_domains_mode_check CHECK (mode IN ('auto_join', 'suggest', 'request', 'off')),
    CONSTRAINT org_domains_proof_check CHECK (proof IN ('email', 'dns'))
);
CREATE UNIQUE INDEX org_domains_claim ON org_domains (org_id, domain);
CREATE UNIQUE INDEX org_domains_verified ON org_domains (domain) WHERE verified_at IS NOT NULL;

-- People who asked to join by their domain, waiting for an admin.
CREATE TABLE join_requests (
    org_id      BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    domain_id   BIGINT NOT NULL REFERENCES org_domains(id) ON DELETE CASCADE,
    -- 1 when the mode would have let them in but no seat was free.
    seats_full  BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);

-- Who was removed or left: their domain never brings them back, only an
-- invitation does (accepting one clears the row).
CREATE TABLE departures (
    org_id   BIGINT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    at       BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);

-- Two new mails: the welcome of someone who joined by their domain, and
-- the note to admins that someone waits in the queue.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
    CHECK (kind IN ('invitation', 'invitation_resent', 'verify_email', 'password_reset',
                    'ownership_transfer', 'welcome', 'join_request'));
