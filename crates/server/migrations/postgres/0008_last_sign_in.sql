-- When each user last signed in: the Members page shows it.
ALTER TABLE users ADD COLUMN last_sign_in_at BIGINT;
