-- Messages, continued (ADR 0019, 0020): the working days a reply took (for the monthly statistics, counted on the
-- calendar when the reply is sent), the one extension with its reason, the API token a message came in through
-- (12345 and Open311 clients follow what they filed), and daily counts of the similar-question suggestions.
ALTER TABLE messages ADD COLUMN reply_working_days integer;
ALTER TABLE messages ADD COLUMN extend_reason text NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN source_token_id integer REFERENCES api_tokens(id);
CREATE INDEX messages_received_idx ON messages (received_on, unit_id);
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
