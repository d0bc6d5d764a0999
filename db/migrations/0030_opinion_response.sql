-- 政务舆情回应 (ADR 0023), in the answers module: incidents registered by the office with the time the matter surfaced
-- and its severity, the responsible units, and each response (authoritative information, press conference, response,
-- follow-up) with when it was given and the published item that carries it; closed with a summary.
CREATE TABLE opinion_incidents (
  id                    serial PRIMARY KEY,
  unit_id               integer NOT NULL REFERENCES units(id),      -- the office that registered it
  responsible_unit_ids  integer[] NOT NULL DEFAULT '{}',
  title                 text NOT NULL,
  description           text NOT NULL DEFAULT '',
  severity              text NOT NULL CHECK (severity IN ('major', 'other')),   -- 特别重大、重大突发事件 / 其他
  surfaced_at           timestamptz NOT NULL,                       -- when the matter surfaced (t0 of the clocks)
  state                 text NOT NULL CHECK (state IN ('open', 'closed')),
  summary               text NOT NULL DEFAULT '',
  closed_at             timestamptz,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL
);
CREATE INDEX opinion_incidents_unit_idx ON opinion_incidents (unit_id, surfaced_at DESC);

CREATE TABLE opinion_responses (
  id            serial PRIMARY KEY,
  incident_id   integer NOT NULL REFERENCES opinion_incidents(id),
  kind          text NOT NULL CHECK (kind IN ('authoritative', 'press_conference', 'response', 'follow_up')),
  given_at      timestamptz NOT NULL,
  item_id       integer REFERENCES information_items(id),
  note          text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL
);
CREATE INDEX opinion_responses_idx ON opinion_responses (incident_id, given_at);

CREATE TABLE opinion_events (
  id             bigserial PRIMARY KEY,
  incident_id    integer NOT NULL REFERENCES opinion_incidents(id),
  kind           text NOT NULL,
  at             timestamptz NOT NULL,
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX opinion_events_idx ON opinion_events (incident_id, id);
