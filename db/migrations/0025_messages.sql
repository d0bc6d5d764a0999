-- Messages to the government (信箱、留言), the messages module (ADR 0019): mailboxes, the dispatch catalogue, messages
-- with their owner unit, clock, reply and public archive entry, and an event log per message.
-- 留言承办人: the unit's staff who handle and answer messages.
ALTER TABLE role_assignments DROP CONSTRAINT role_assignments_role_check;
ALTER TABLE role_assignments ADD CONSTRAINT role_assignments_role_check
  CHECK (role IN ('system_admin', 'office_admin', 'publisher', 'reviewer', 'secrecy_reviewer', 'request_officer', 'message_officer'));

CREATE TABLE message_mailboxes (
  id           serial PRIMARY KEY,
  unit_id      integer NOT NULL REFERENCES units(id),
  kind         text NOT NULL CHECK (kind IN ('leader', 'unit')),   -- 领导信箱 / 部门信箱
  name         text NOT NULL,                                      -- 市长信箱
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL
);

-- 派单目录: category × area → the unit that handles it; area '' means any area.
CREATE TABLE message_dispatch (
  id          serial PRIMARY KEY,
  category    text NOT NULL,
  area        text NOT NULL DEFAULT '',
  unit_id     integer NOT NULL REFERENCES units(id),
  updated_at  timestamptz NOT NULL,
  UNIQUE (category, area)
);

-- Working days to reply, per unit, type and channel ('' = any channel); absent rows use the defaults in rules.ts.
CREATE TABLE message_clock_settings (
  unit_id       integer NOT NULL REFERENCES units(id),
  type          text NOT NULL,
  channel       text NOT NULL DEFAULT '',
  working_days  integer NOT NULL CHECK (working_days BETWEEN 1 AND 90),
  PRIMARY KEY (unit_id, type, channel)
);

CREATE TABLE messages (
  id                  bigserial PRIMARY KEY,
  case_no             text NOT NULL UNIQUE,                 -- LY2026000001
  query_code_hash     text NOT NULL,
  mailbox_id          integer REFERENCES message_mailboxes(id),
  unit_id             integer NOT NULL REFERENCES units(id),  -- the owner: the first unit to receive it, until another accepts
  type                text NOT NULL CHECK (type IN ('consult', 'suggest', 'complaint', 'help', 'thanks')),
  channel             text NOT NULL CHECK (channel IN ('website', 'letter', 'phone', 'visit', 'hotline')),
  category            text NOT NULL DEFAULT '',
  area                text NOT NULL DEFAULT '',
  title               text NOT NULL,
  body                text NOT NULL,
  writer_name         text NOT NULL DEFAULT '',
  contact             text NOT NULL DEFAULT '',
  consent_publish     boolean NOT NULL DEFAULT false,
  work_order_no       text UNIQUE,                           -- 12345 工单号 (imports are idempotent by it)
  received_on         date NOT NULL,
  due_on              date NOT NULL,
  extended            boolean NOT NULL DEFAULT false,
  state               text NOT NULL CHECK (state IN ('open', 'transferring', 'disputed', 'replied', 'merged', 'withdrawn')),
  transfer_to         integer REFERENCES units(id),          -- while transferring: the unit named as competent
  transfer_reason     text NOT NULL DEFAULT '',
  transfer_due_on     date,                                  -- the named unit accepts or refuses by this day
  merged_into         bigint REFERENCES messages(id),
  reply               text NOT NULL DEFAULT '',
  replied_on          date,
  public_title        text NOT NULL DEFAULT '',              -- the archive entry, reviewed and masked
  public_body         text NOT NULL DEFAULT '',
  public_reply        text NOT NULL DEFAULT '',
  published_at        timestamptz,
  created_by          integer REFERENCES users(id),
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL
);
CREATE INDEX messages_unit_idx ON messages (unit_id, state, due_on);
CREATE INDEX messages_published_idx ON messages (published_at DESC) WHERE published_at IS NOT NULL;

CREATE TABLE message_events (
  id             bigserial PRIMARY KEY,
  message_id     bigint NOT NULL REFERENCES messages(id),
  kind           text NOT NULL,
  at             timestamptz NOT NULL,
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX message_events_idx ON message_events (message_id, id);

CREATE TABLE message_counters (
  year  integer PRIMARY KEY,
  last  integer NOT NULL
);
