-- Public consultations (意见征集, 重大行政决策程序暂行条例 Art. 14–16, 29, 32): the draft and its explanation, the
-- comments with their channel and disposition, an event log, and the unit's reusable answers (ADR 0017).
CREATE TABLE consultations (
  id                 bigserial PRIMARY KEY,
  unit_id            integer NOT NULL REFERENCES units(id),
  title              text NOT NULL,
  draft_html         text NOT NULL,
  explanation_html   text NOT NULL DEFAULT '',
  legal_basis        text NOT NULL DEFAULT '',
  channels           text[] NOT NULL DEFAULT '{}',
  contact            text NOT NULL DEFAULT '',
  opens_on           date NOT NULL,
  closes_on          date NOT NULL,
  shortened_reason   text NOT NULL DEFAULT '',
  publish_comments   boolean NOT NULL DEFAULT false,
  state              text NOT NULL CHECK (state IN ('draft', 'published', 'withdrawn')),
  feedback_due_on    date,
  feedback_item_id   bigint REFERENCES information_items(id),
  withdrawn_reason   text NOT NULL DEFAULT '',
  created_by         integer REFERENCES users(id),
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CHECK (closes_on >= opens_on)
);
CREATE INDEX consultations_unit_idx ON consultations (unit_id, opens_on DESC);

CREATE TABLE consultation_comments (
  id               bigserial PRIMARY KEY,
  consultation_id  bigint NOT NULL REFERENCES consultations(id),
  clause_key       text NOT NULL DEFAULT '',        -- '' for the whole text, else the clause's key (c12 = 第十二条)
  channel          text NOT NULL CHECK (channel IN ('website', 'letter', 'email', 'meeting', 'hearing')),
  name             text NOT NULL DEFAULT '',
  contact          text NOT NULL DEFAULT '',
  consent_publish  boolean NOT NULL DEFAULT false,  -- the commenter agreed that the comment (not the contact) be shown
  body             text NOT NULL,
  received_on      date NOT NULL,
  moderation       text NOT NULL DEFAULT 'pending' CHECK (moderation IN ('pending', 'published', 'hidden')),
  disposition      text CHECK (disposition IN ('adopted', 'partly_adopted', 'not_adopted', 'out_of_scope')),
  reason           text NOT NULL DEFAULT '',
  disposed_at      timestamptz,
  disposed_by      integer REFERENCES users(id),
  notified_at      timestamptz,
  created_by       integer REFERENCES users(id),   -- staff who registered it; null when posted on the website
  created_at       timestamptz NOT NULL
);
CREATE INDEX consultation_comments_idx ON consultation_comments (consultation_id, id);

CREATE TABLE consultation_events (
  id               bigserial PRIMARY KEY,
  consultation_id  bigint NOT NULL REFERENCES consultations(id),
  kind             text NOT NULL,
  at               timestamptz NOT NULL,
  actor_user_id    integer REFERENCES users(id),
  actor_label      text NOT NULL,
  details          jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX consultation_events_idx ON consultation_events (consultation_id, id);

CREATE TABLE consultation_answer_templates (
  id           bigserial PRIMARY KEY,
  unit_id      integer NOT NULL REFERENCES units(id),
  disposition  text NOT NULL CHECK (disposition IN ('adopted', 'partly_adopted', 'not_adopted', 'out_of_scope')),
  text         text NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE INDEX consultation_answer_templates_idx ON consultation_answer_templates (unit_id);
