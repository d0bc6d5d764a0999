-- A unit may ask that its reply letters be approved by the head of its 政府信息公开工作机构 before they are issued
-- (ADR 0015). The case waits in its own state, with the clock running; files proposed with a reply stay with the
-- staff (pending) until the reply is approved.
ALTER TABLE request_cases DROP CONSTRAINT request_cases_state_check;
ALTER TABLE request_cases ADD CONSTRAINT request_cases_state_check
  CHECK (state IN ('submitted', 'handling', 'awaiting_correction', 'consulting', 'awaiting_fee', 'awaiting_approval', 'replied', 'delivered', 'archived'));
ALTER TABLE case_files ADD COLUMN pending boolean NOT NULL DEFAULT false;

CREATE TABLE request_settings (
  unit_id         integer PRIMARY KEY REFERENCES units(id),
  reply_approval  boolean NOT NULL DEFAULT false,
  updated_at      timestamptz NOT NULL,
  updated_by      integer REFERENCES users(id)
);
