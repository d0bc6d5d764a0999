-- Surveys and polls (问卷调查、民意调查) of the participation module (ADR 0018): questions of eight kinds with
-- conditional display, answers anonymous or signed, one answer per person kept by a keyed hash only, and results
-- published with their number and method.
CREATE TABLE surveys (
  id                    bigserial PRIMARY KEY,
  unit_id               integer NOT NULL REFERENCES units(id),
  title                 text NOT NULL,
  intro                 text NOT NULL DEFAULT '',
  opens_on              date NOT NULL,
  closes_on             date NOT NULL,
  anonymous             boolean NOT NULL DEFAULT true,
  one_per_person        boolean NOT NULL DEFAULT false,
  method_note           text NOT NULL DEFAULT '',      -- 调查方法（公开）
  state                 text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'withdrawn')),
  withdrawn_reason      text NOT NULL DEFAULT '',
  results_published_at  timestamptz,
  results_note          text NOT NULL DEFAULT '',      -- 结果说明（公开）
  created_by            integer REFERENCES users(id),
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  CHECK (closes_on >= opens_on)
);
CREATE INDEX surveys_unit_idx ON surveys (unit_id, opens_on DESC);

CREATE TABLE survey_questions (
  id         bigserial PRIMARY KEY,
  survey_id  bigint NOT NULL REFERENCES surveys(id),
  position   integer NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('single', 'multiple', 'text', 'number', 'scale', 'matrix', 'ranking', 'file')),
  label      text NOT NULL,
  required   boolean NOT NULL DEFAULT false,
  config     jsonb NOT NULL DEFAULT '{}',              -- options, rows, scaleMax, min, max, showIf
  UNIQUE (survey_id, position)
);

CREATE TABLE survey_responses (
  id            bigserial PRIMARY KEY,
  survey_id     bigint NOT NULL REFERENCES surveys(id),
  submitted_at  timestamptz NOT NULL,
  name          text NOT NULL DEFAULT '',              -- signed surveys only
  contact       text NOT NULL DEFAULT '',              -- signed surveys only
  dedupe_key    text,                                  -- HMAC of the person's phone or e-mail, never the value itself
  answers       jsonb NOT NULL,
  UNIQUE (survey_id, dedupe_key)
);
CREATE INDEX survey_responses_idx ON survey_responses (survey_id, id);

CREATE TABLE survey_response_files (
  id           bigserial PRIMARY KEY,
  response_id  bigint NOT NULL REFERENCES survey_responses(id),
  question_id  bigint NOT NULL REFERENCES survey_questions(id),
  filename     text NOT NULL,
  mime         text NOT NULL,
  sha256       text NOT NULL,
  size         integer NOT NULL
);
CREATE INDEX survey_response_files_idx ON survey_response_files (response_id);

CREATE TABLE survey_events (
  id             bigserial PRIMARY KEY,
  survey_id      bigint NOT NULL REFERENCES surveys(id),
  kind           text NOT NULL,
  at             timestamptz NOT NULL,
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX survey_events_idx ON survey_events (survey_id, id);
