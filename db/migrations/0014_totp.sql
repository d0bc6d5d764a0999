-- A second factor for staff sign-in (TOTP, RFC 6238), required for administrators outside demo mode.
ALTER TABLE users ADD COLUMN totp_secret text;            -- base32; set once the user has confirmed a code
ALTER TABLE users ADD COLUMN totp_pending_secret text;    -- shown during enrolment until confirmed
ALTER TABLE users ADD COLUMN totp_enabled_at timestamptz;
ALTER TABLE users ADD COLUMN totp_last_step bigint;       -- the last time step accepted: a code is used once
