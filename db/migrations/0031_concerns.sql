-- 群众关切事项清单 (ADR 0024), in the answers module: the concerns of the public per area (the 26 areas), kept by the
-- office, each linked both ways to the items and Q&A answers that answer it, with the responsible units and a
-- contact; "一键应答" assembles one answer page from what is linked and current. Retired with a reason, never deleted.
CREATE TABLE concerns (
  id                    serial PRIMARY KEY,
  unit_id               integer NOT NULL REFERENCES units(id),
  area_code             text REFERENCES catalogue_areas(code),
  title                 text NOT NULL,
  description           text NOT NULL DEFAULT '',
  responsible_unit_ids  integer[] NOT NULL DEFAULT '{}',
  contact               text NOT NULL DEFAULT '',
  item_ids              integer[] NOT NULL DEFAULT '{}',   -- policies, interpretations, service guides (information items)
  answer_ids            integer[] NOT NULL DEFAULT '{}',   -- Q&A entries
  state                 text NOT NULL CHECK (state IN ('active', 'retired')),
  retired_reason        text NOT NULL DEFAULT '',
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL
);
CREATE INDEX concerns_unit_idx ON concerns (unit_id, state);

CREATE TABLE concern_events (
  id             bigserial PRIMARY KEY,
  concern_id     integer NOT NULL REFERENCES concerns(id),
  kind           text NOT NULL,
  at             timestamptz NOT NULL,
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX concern_events_idx ON concern_events (concern_id, id);
