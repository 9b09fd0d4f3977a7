-- Every closed set of words a column holds is stated by the schema, named
-- the same on both backends (the parity test compares the names). Role
-- keys stay free-form: each template has its own.
ALTER TABLE memberships ADD CONSTRAINT memberships_status_check
    CHECK (status IN ('active', 'suspended'));
ALTER TABLE orgs ADD CONSTRAINT orgs_state_check CHECK (state IN ('active'));
ALTER TABLE orgs ADD CONSTRAINT orgs_template_check
    CHECK (template IN ('default', 'labeling', 'animl', 'dataloop', 'mlops', 'plainsight'));
ALTER TABLE tasks ADD CONSTRAINT tasks_mode_check CHECK (mode IN ('pull', 'distribution'));
ALTER TABLE assignments ADD CONSTRAINT assignments_status_check
    CHECK (status IN ('active', 'inactive'));
ALTER TABLE assignments ADD CONSTRAINT assignments_direct_check CHECK (direct IN (0, 1));
ALTER TABLE user_tokens ADD CONSTRAINT user_tokens_purpose_check
    CHECK (purpose IN ('verify_email', 'reset_password', 'setup'));
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
    CHECK (kind IN ('invitation', 'invitation_resent', 'verify_email', 'password_reset', 'ownership_transfer'));
