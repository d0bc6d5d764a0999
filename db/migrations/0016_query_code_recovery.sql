-- A lost query code (查询码) is replaced after the applicant proves the contact they gave: a six-digit one-time code
-- sent there, valid for 15 minutes and five tries. Short-lived secrets: not in backups.
CREATE TABLE case_recovery_codes (
  id          bigserial PRIMARY KEY,
  case_id     bigint NOT NULL REFERENCES request_cases(id),
  code_hash   text NOT NULL,
  channel     text NOT NULL CHECK (channel IN ('email', 'sms')),
  expires_at  timestamptz NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL
);
CREATE INDEX case_recovery_codes_case ON case_recovery_codes (case_id, id DESC);
