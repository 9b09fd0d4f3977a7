-- Whether the invitation's current link was shown to the inviter (the
-- copy-link fallback): accepting through such a link proves nothing about
-- who reads the address, so it does not verify it. Keep in step with the
-- other backend.
ALTER TABLE invitations ADD COLUMN link_shown INTEGER NOT NULL DEFAULT 0;
