-- 行政执法公示 (国办发〔2018〕118号 二(四)(六); 行政处罚法 第四十八条). 事前: each unit's enforcement bodies, staff,
-- powers, procedures, remedies and random-inspection items, each with a change log and a review date. 事后: decision
-- records in the 双公示 field set, each with its publication deadline computed on the platform's calendar from the
-- decision date (7 working days for 许可/处罚, 20 for the others) and late ones flagged; a revoked decision is
-- withdrawn with a public explanation and the lateness of the withdrawal kept. 双随机、一公开 draws record the pool,
-- its hash, the seed and the algorithm so that anyone can re-run them. Annual statistics are published per unit.

CREATE TABLE enforcement_imports (
  id            serial PRIMARY KEY,
  unit_id       integer NOT NULL REFERENCES units(id),
  kind          text NOT NULL,
  filename      text NOT NULL,
  added         integer NOT NULL,
  corrected     integer NOT NULL,
  unchanged     integer NOT NULL,
  at            timestamptz NOT NULL,
  actor_user_id integer REFERENCES users(id),
  actor_label   text NOT NULL
);

CREATE TABLE enforcement_decisions (
  id               bigserial PRIMARY KEY,
  unit_id          integer NOT NULL REFERENCES units(id),
  kind             text NOT NULL CHECK (kind IN ('licence', 'penalty', 'coercion', 'levy', 'inspection')),
  doc_no           text NOT NULL,                         -- 决定书文号 (CF_WSH / XK_WSH)
  name             text NOT NULL,                         -- 处罚名称 / 项目名称 (CF_CFMC / XK_XMMC)
  category         text NOT NULL DEFAULT '',              -- 处罚类别 / 审批类别
  cause            text NOT NULL DEFAULT '',              -- 事由
  basis            text NOT NULL DEFAULT '',              -- 依据
  subject_type     text NOT NULL CHECK (subject_type IN ('organisation', 'natural')),
  subject_name     text NOT NULL,                         -- de-identified when a natural person
  credit_code      text NOT NULL DEFAULT '',              -- 统一社会信用代码
  legal_rep        text NOT NULL DEFAULT '',              -- 法定代表人
  result           text NOT NULL DEFAULT '',              -- 结果 / 内容
  decided_on       date NOT NULL,                         -- 决定日期
  valid_until      date,                                  -- 截止日期 / 有效期至
  authority        text NOT NULL,                         -- 执法机关
  area_code        text NOT NULL DEFAULT '',              -- 地方编码
  remark           text NOT NULL DEFAULT '',
  due_on           date NOT NULL,                         -- last day to publish
  due_provisional  boolean NOT NULL DEFAULT false,        -- the calendar of a year on the way is not yet published
  published_at     timestamptz NOT NULL,
  late             boolean NOT NULL,
  state            text NOT NULL DEFAULT 'published' CHECK (state IN ('published', 'withdrawn')),
  revocation       text CHECK (revocation IN ('revoked', 'illegal', 'remake', 'changed')),
  revoked_on       date,
  explanation      text NOT NULL DEFAULT '',
  withdrawn_at     timestamptz,
  withdrawal_late  boolean,
  import_id        integer REFERENCES enforcement_imports(id),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  UNIQUE (unit_id, kind, doc_no),
  CHECK (state <> 'withdrawn' OR (revocation IS NOT NULL AND revoked_on IS NOT NULL AND withdrawn_at IS NOT NULL AND explanation <> ''))
);
CREATE INDEX enforcement_decisions_unit_idx ON enforcement_decisions (unit_id, decided_on DESC, id DESC);
CREATE INDEX enforcement_decisions_date_idx ON enforcement_decisions (decided_on DESC, id DESC);
CREATE INDEX enforcement_decisions_credit_idx ON enforcement_decisions (credit_code) WHERE credit_code <> '';
CREATE INDEX enforcement_decisions_doc_idx ON enforcement_decisions (doc_no);

CREATE TABLE enforcement_events (
  id             bigserial PRIMARY KEY,
  decision_id    bigint NOT NULL REFERENCES enforcement_decisions(id),
  kind           text NOT NULL,
  at             timestamptz NOT NULL,
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX enforcement_events_idx ON enforcement_events (decision_id, id);

-- 事前公开: one row per published fact of a unit; `fields` holds the kind's fields (rules.ts REGISTER_KINDS).
CREATE TABLE enforcement_register (
  id          serial PRIMARY KEY,
  unit_id     integer NOT NULL REFERENCES units(id),
  kind        text NOT NULL CHECK (kind IN ('body', 'officer', 'power', 'procedure', 'remedy', 'inspection_item')),
  title       text NOT NULL,
  fields      jsonb NOT NULL DEFAULT '{}',
  review_on   date NOT NULL,                              -- next review: kept current as laws and functions change
  state       text NOT NULL DEFAULT 'current' CHECK (state IN ('current', 'withdrawn')),
  reason      text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX enforcement_register_unit_idx ON enforcement_register (unit_id, kind, id);

CREATE TABLE enforcement_register_events (
  id             bigserial PRIMARY KEY,
  entry_id       integer NOT NULL REFERENCES enforcement_register(id),
  kind           text NOT NULL,
  at             timestamptz NOT NULL,
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX enforcement_register_events_idx ON enforcement_register_events (entry_id, id);

-- 双随机、一公开: a draw is never changed or deleted; a second draw for the same check is a new, visible record.
CREATE TABLE enforcement_draws (
  id                    serial PRIMARY KEY,
  unit_id               integer NOT NULL REFERENCES units(id),
  item_id               integer NOT NULL REFERENCES enforcement_register(id),
  title                 text NOT NULL,
  entities              jsonb NOT NULL,                   -- [{id, name}] the pool of 检查对象
  inspectors            jsonb NOT NULL,                   -- [{id, name, certificate}] the pool of 执法检查人员
  exclusions            jsonb NOT NULL,                   -- [{inspector, entity, reason}] 回避
  entity_count          integer NOT NULL,
  inspectors_per_entity integer NOT NULL,
  seed                  text NOT NULL,
  pool_hash             text NOT NULL,
  algorithm             text NOT NULL,
  result                jsonb NOT NULL,                   -- [{entity, inspectors: [id]}]
  drawn_at              timestamptz NOT NULL,
  actor_user_id         integer REFERENCES users(id),
  actor_label           text NOT NULL,
  inspection_ends_on    date NOT NULL,
  results_due_on        date NOT NULL,
  findings              text NOT NULL DEFAULT '',
  results_published_at  timestamptz,
  results_late          boolean
);
CREATE INDEX enforcement_draws_unit_idx ON enforcement_draws (unit_id, id);

-- 行政执法总体情况 of a year (by 31 January of the next): the figures computed from the records when published.
CREATE TABLE enforcement_annual_stats (
  unit_id       integer NOT NULL REFERENCES units(id),
  year          integer NOT NULL,
  figures       jsonb NOT NULL,
  note          text NOT NULL DEFAULT '',
  published_at  timestamptz NOT NULL,
  late          boolean NOT NULL,
  PRIMARY KEY (unit_id, year)
);

-- Logs are append-only; public records are withdrawn, never deleted; a draw is never changed once made (only its
-- results are added); every public change moves the content version so cached pages follow within a second.
CREATE TRIGGER enforcement_events_append_only BEFORE UPDATE OR DELETE ON enforcement_events FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER enforcement_register_events_append_only BEFORE UPDATE OR DELETE ON enforcement_register_events FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER enforcement_decisions_no_delete BEFORE DELETE ON enforcement_decisions FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER enforcement_register_no_delete BEFORE DELETE ON enforcement_register FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER enforcement_draws_no_delete BEFORE DELETE ON enforcement_draws FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER enforcement_annual_stats_no_change BEFORE UPDATE OR DELETE ON enforcement_annual_stats FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER enforcement_decisions_change AFTER INSERT OR UPDATE ON enforcement_decisions FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER enforcement_register_change AFTER INSERT OR UPDATE ON enforcement_register FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER enforcement_draws_change AFTER INSERT OR UPDATE ON enforcement_draws FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER enforcement_annual_stats_change AFTER INSERT ON enforcement_annual_stats FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
