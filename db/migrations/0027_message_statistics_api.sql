-- Messages, continued (ADR 0019, 0020): the working days a reply took (for the monthly statistics, counted on the
-- calendar when the reply is sent), the one extension with its reason, the API token a message came in through
-- (12345 and Open311 clients follow what they filed), and daily counts of the similar-question suggestions.
ALTER TABLE messages ADD COLUMN reply_working_days integer;
ALTER TABLE messages ADD COLUMN extend_reason text NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN source_token_id integer REFERENCES api_tokens(id);
CREATE INDEX messages_received_idx ON messages (received_on, unit_id);
-- The archive filtered by unit or by category, newest first (bench/messages.ts: 1.2 s a page at a million without).
CREATE INDEX messages_unit_published_idx ON messages (unit_id, published_at DESC, id DESC) WHERE published_at IS NOT NULL;
CREATE INDEX messages_category_published_idx ON messages (category, published_at DESC, id DESC) WHERE published_at IS NOT NULL;
CREATE INDEX messages_updated_idx ON messages (updated_at, id);

-- How often the form's similar questions were shown, opened, ended the writing ("this answers my question"), or
-- were passed over. Counts only: nothing about who wrote.
CREATE TABLE message_suggestion_counts (
  day   date NOT NULL,
  kind  text NOT NULL CHECK (kind IN ('shown', 'opened', 'resolved', 'sent_anyway')),
  n     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, kind)
);

-- Reminders to the owner unit's officers before and after a message's due date, each written once whichever node
-- gets there first (like case_reminders).
CREATE TABLE message_reminders (
  message_id  bigint NOT NULL REFERENCES messages(id),
  kind        text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
  due_on      date NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (message_id, kind, due_on)
);

-- Where a unit wants it, a reply is reviewed before it is sent (答复审核中); returned with a note, it is open again.
ALTER TABLE messages DROP CONSTRAINT messages_state_check;
ALTER TABLE messages ADD CONSTRAINT messages_state_check
  CHECK (state IN ('open', 'reviewing', 'transferring', 'disputed', 'replied', 'merged', 'withdrawn'));
ALTER TABLE messages ADD COLUMN review_note text NOT NULL DEFAULT '';
-- What the unit asked the writer to add (补充说明), until the writer adds it; the additions are in the event log.
ALTER TABLE messages ADD COLUMN info_request text NOT NULL DEFAULT '';

-- A unit's own settings for messages: replies reviewed before sending.
CREATE TABLE message_unit_settings (
  unit_id       integer PRIMARY KEY REFERENCES units(id),
  reply_review  boolean NOT NULL DEFAULT false,
  updated_at    timestamptz NOT NULL
);

-- 答复模板 per unit and category ('' = any category): the usual answers, edited before sending.
CREATE TABLE message_reply_templates (
  id          serial PRIMARY KEY,
  unit_id     integer NOT NULL REFERENCES units(id),
  category    text NOT NULL DEFAULT '',
  name        text NOT NULL,
  body        text NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX message_reply_templates_unit_idx ON message_reply_templates (unit_id, category);
