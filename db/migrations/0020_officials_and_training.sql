-- The people of a unit's 政务公开 work (HZ 五(一)): the official in charge (分管负责人, published in the guide), the
-- head of the office and the liaisons (internal), kept current with the date of the last change.
CREATE TABLE unit_officials (
  unit_id      integer PRIMARY KEY REFERENCES units(id),
  leader_name  text NOT NULL DEFAULT '',
  leader_post  text NOT NULL DEFAULT '',
  head_name    text NOT NULL DEFAULT '',
  head_post    text NOT NULL DEFAULT '',
  head_phone   text NOT NULL DEFAULT '',
  liaisons     jsonb NOT NULL DEFAULT '[]',   -- [{name, post, phone}]
  changed_on   date NOT NULL,
  updated_at   timestamptz NOT NULL
);

-- Training of 政务公开 staff (LS 六(二)): sessions per unit with date, topic and attendees.
CREATE TABLE training_sessions (
  id          bigserial PRIMARY KEY,
  unit_id     integer NOT NULL REFERENCES units(id),
  held_on     date NOT NULL,
  topic       text NOT NULL,
  attendees   text[] NOT NULL,
  created_by  integer REFERENCES users(id),
  created_at  timestamptz NOT NULL
);
CREATE INDEX training_sessions_unit ON training_sessions (unit_id, held_on);
