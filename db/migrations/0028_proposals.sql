-- 建议提案办理 (ADR 0021): deputies' suggestions (人大代表建议) and members' proposals (政协委员提案) assigned to a
-- unit, its reply, the proposer's feedback on it, and the decision to publish it (全文公开 / 摘要公开 / 不公开 with the
-- reason); a published reply becomes an information item in the unit's 建议提案办理结果 section.
CREATE TABLE proposals (
  id                  serial PRIMARY KEY,
  unit_id             integer NOT NULL REFERENCES units(id),        -- 主办单位
  co_unit_ids         integer[] NOT NULL DEFAULT '{}',              -- 协办单位
  kind                text NOT NULL CHECK (kind IN ('suggestion', 'proposal')),  -- 人大代表建议 / 政协委员提案
  year                integer NOT NULL,
  session             text NOT NULL,                                -- 届次：市十七届人大四次会议
  number              text NOT NULL,                                -- 第0123号
  title               text NOT NULL,
  proposer            text NOT NULL,                                -- 领衔代表或委员（及附议人）
  assigned_on         date NOT NULL,                                -- 交办日期
  reply_due_on        date NOT NULL,
  state               text NOT NULL CHECK (state IN ('assigned', 'replied', 'withdrawn')),
  reply               text NOT NULL DEFAULT '',
  reply_no            text NOT NULL DEFAULT '',                     -- 答复文号
  result              text NOT NULL DEFAULT '' CHECK (result IN ('', 'A', 'B', 'C')),  -- 已解决或采纳 / 正在解决或列入计划 / 留作参考
  replied_on          date,
  feedback            text NOT NULL DEFAULT '' CHECK (feedback IN ('', 'satisfied', 'basically_satisfied', 'dissatisfied')),
  feedback_note       text NOT NULL DEFAULT '',
  publication         text NOT NULL DEFAULT '' CHECK (publication IN ('', 'full', 'summary', 'none')),
  publication_reason  text NOT NULL DEFAULT '',
  summary             text NOT NULL DEFAULT '',
  item_id             integer REFERENCES information_items(id),    -- the published reply
  withdrawn_reason    text NOT NULL DEFAULT '',
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  UNIQUE (year, kind, session, number)
);
CREATE INDEX proposals_unit_idx ON proposals (unit_id, year);

CREATE TABLE proposal_events (
  id             bigserial PRIMARY KEY,
  proposal_id    integer NOT NULL REFERENCES proposals(id),
  kind           text NOT NULL,
  at             timestamptz NOT NULL,
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX proposal_events_idx ON proposal_events (proposal_id, id);
