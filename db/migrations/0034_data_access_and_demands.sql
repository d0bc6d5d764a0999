-- Issue 15: applications for 有条件开放 data, decided on the working-day clock, and public data demands (需求反馈).

CREATE TABLE data_access_applications (
  id                serial PRIMARY KEY,
  case_no           text NOT NULL UNIQUE,                  -- SJSQ2026000001
  query_code_hash   text NOT NULL,                         -- the applicant follows and downloads with case no + code
  dataset_id        integer NOT NULL REFERENCES datasets(id),
  unit_id           integer NOT NULL REFERENCES units(id), -- the providing unit decides
  state             text NOT NULL CHECK (state IN ('received', 'granted', 'refused', 'withdrawn')),
  applicant_name    text NOT NULL,
  organisation      text NOT NULL DEFAULT '',
  credit_code       text NOT NULL DEFAULT '',              -- 统一社会信用代码 of the organisation, when one applies
  contact           text NOT NULL,                         -- e-mail and/or mobile
  purpose           text NOT NULL,                         -- 用途和使用场景
  security_measures text NOT NULL,                         -- 数据安全保障措施
  commitments       text[] NOT NULL,                       -- the commitments ticked (access.ts COMMITMENTS)
  received_on       date NOT NULL,
  due_on            date NOT NULL,
  decided_on        date,
  decision_reason   text NOT NULL DEFAULT '',
  conditions        text NOT NULL DEFAULT '',              -- 使用条件 set by the unit with a grant
  granted_until     date,
  downloads         integer NOT NULL DEFAULT 0,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX data_access_applications_unit_idx ON data_access_applications (unit_id, state);
CREATE INDEX data_access_applications_dataset_idx ON data_access_applications (dataset_id);

CREATE TABLE data_access_events (
  id              bigserial PRIMARY KEY,
  application_id  integer NOT NULL REFERENCES data_access_applications(id),
  kind            text NOT NULL,
  at              timestamptz NOT NULL,
  actor_user_id   integer REFERENCES users(id),
  actor_label     text NOT NULL,
  details         jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX data_access_events_idx ON data_access_events (application_id, id);
CREATE TRIGGER data_access_events_append_only BEFORE UPDATE OR DELETE ON data_access_events FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE data_demands (
  id            serial PRIMARY KEY,
  case_no       text NOT NULL UNIQUE,                      -- SJXQ2026000001
  kind          text NOT NULL CHECK (kind IN ('new_data', 'comment')),
  dataset_id    integer REFERENCES datasets(id),           -- a comment is on a dataset; a request may name one
  unit_id       integer NOT NULL REFERENCES units(id),     -- the unit that answers
  title         text NOT NULL,
  body          text NOT NULL,                             -- personal data masked before it is stored for the public
  writer_name   text NOT NULL DEFAULT '',                  -- never published
  contact       text NOT NULL DEFAULT '',                  -- never published; the answer is sent there
  state         text NOT NULL CHECK (state IN ('open', 'answered')),
  received_on   date NOT NULL,
  due_on        date NOT NULL,
  answer        text NOT NULL DEFAULT '',
  answered_on   date,
  public        boolean NOT NULL DEFAULT true,             -- the unit may keep an answer off the public list (with a reason)
  private_reason text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX data_demands_unit_idx ON data_demands (unit_id, state);

CREATE TABLE data_demand_events (
  id              bigserial PRIMARY KEY,
  demand_id       integer NOT NULL REFERENCES data_demands(id),
  kind            text NOT NULL,
  at              timestamptz NOT NULL,
  actor_user_id   integer REFERENCES users(id),
  actor_label     text NOT NULL,
  details         jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX data_demand_events_idx ON data_demand_events (demand_id, id);
CREATE TRIGGER data_demand_events_append_only BEFORE UPDATE OR DELETE ON data_demand_events FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- One counter per kind and year for the case numbers.
CREATE TABLE data_case_counters (
  kind  text NOT NULL,
  year  integer NOT NULL,
  last  integer NOT NULL,
  PRIMARY KEY (kind, year)
);
