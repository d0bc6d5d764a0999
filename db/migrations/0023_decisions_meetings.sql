-- Major administrative decisions (重大行政决策事项目录, 国务院令第713号 Art. 3) and meetings open to the public
-- (会议开放, 听证会 Art. 16), part of the participation module (ADR 0018).

-- One entry of a unit's yearly catalogue. The current state is here; every change is in decision_entry_events and
-- every published catalogue in decision_catalogue_revisions, so nothing said to the public is lost.
CREATE TABLE decision_entries (
  id                      bigserial PRIMARY KEY,
  unit_id                 integer NOT NULL REFERENCES units(id),
  year                    integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  seq                     integer NOT NULL,
  code                    text NOT NULL,                 -- JC-2026-001
  title                   text NOT NULL,
  lead_unit               text NOT NULL,                 -- 承办单位
  planned_on              date NOT NULL,                 -- 计划决策时间
  summary                 text NOT NULL DEFAULT '',      -- 事项简要说明和依据
  steps                   jsonb NOT NULL DEFAULT '{}',   -- {step: {required, doneOn}}
  stage                   text NOT NULL DEFAULT 'initiated'
                          CHECK (stage IN ('initiated', 'drafting', 'consulting', 'legality_review', 'collective_decision', 'published', 'evaluation')),
  legality_from           date,                          -- 送交合法性审查
  legality_to             date,                          -- 合法性审查意见
  decided_on              date,                          -- 决策机关讨论决定
  consultation_id         bigint REFERENCES consultations(id),
  decision_item_id        bigint REFERENCES information_items(id),
  interpretation_item_id  bigint REFERENCES information_items(id),
  state                   text NOT NULL DEFAULT 'listed' CHECK (state IN ('listed', 'removed')),
  removed_reason          text NOT NULL DEFAULT '',
  created_by              integer REFERENCES users(id),
  created_at              timestamptz NOT NULL,
  updated_at              timestamptz NOT NULL,
  UNIQUE (unit_id, code),
  UNIQUE (unit_id, year, seq)
);
CREATE INDEX decision_entries_unit_idx ON decision_entries (unit_id, year, seq);

CREATE TABLE decision_entry_events (
  id             bigserial PRIMARY KEY,
  entry_id       bigint NOT NULL REFERENCES decision_entries(id),
  kind           text NOT NULL,
  at             timestamptz NOT NULL,
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX decision_entry_events_idx ON decision_entry_events (entry_id, id);

-- The catalogue as published: revision 1 is the year's first list, each later one a revision during the year.
CREATE TABLE decision_catalogue_revisions (
  id            bigserial PRIMARY KEY,
  unit_id       integer NOT NULL REFERENCES units(id),
  year          integer NOT NULL,
  revision      integer NOT NULL,
  note          text NOT NULL DEFAULT '',                -- 调整说明
  entries       jsonb NOT NULL,                          -- [{id, code, title, leadUnit, plannedOn}]
  published_at  timestamptz NOT NULL,
  published_by  integer REFERENCES users(id),
  UNIQUE (unit_id, year, revision)
);

CREATE TABLE meetings (
  id                 bigserial PRIMARY KEY,
  unit_id            integer NOT NULL REFERENCES units(id),
  kind               text NOT NULL CHECK (kind IN ('open_meeting', 'hearing')),
  title              text NOT NULL,
  held_on            date NOT NULL,
  starts_at          text NOT NULL DEFAULT '',           -- 09:30
  place              text NOT NULL DEFAULT '',
  agenda             text NOT NULL DEFAULT '',           -- 涉及公众利益的议题
  how_to_apply       text NOT NULL DEFAULT '',
  apply_until        date,
  seats              integer,
  materials_sent_on  date,                               -- 听证材料送达参加人 (hearings, Art. 16)
  participants       text NOT NULL DEFAULT '',           -- 听证参加人名单 (published in advance)
  stakeholders       integer NOT NULL DEFAULT 0,         -- 利益相关方
  public_reps        integer NOT NULL DEFAULT 0,         -- 公众代表
  experts            integer NOT NULL DEFAULT 0,
  media              integer NOT NULL DEFAULT 0,
  attending_orgs     text NOT NULL DEFAULT '',
  minutes_html       text NOT NULL DEFAULT '',
  video_url          text NOT NULL DEFAULT '',
  decision_entry_id  bigint REFERENCES decision_entries(id),
  state              text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'withdrawn')),
  withdrawn_reason   text NOT NULL DEFAULT '',
  created_by         integer REFERENCES users(id),
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL
);
CREATE INDEX meetings_unit_idx ON meetings (unit_id, held_on DESC);

CREATE TABLE meeting_applications (
  id            bigserial PRIMARY KEY,
  meeting_id    bigint NOT NULL REFERENCES meetings(id),
  name          text NOT NULL,
  organisation  text NOT NULL DEFAULT '',
  contact       text NOT NULL,
  role          text NOT NULL CHECK (role IN ('stakeholder', 'public_rep', 'expert', 'media')),
  reason        text NOT NULL DEFAULT '',
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  answer        text NOT NULL DEFAULT '',
  decided_at    timestamptz,
  decided_by    integer REFERENCES users(id),
  created_at    timestamptz NOT NULL
);
CREATE INDEX meeting_applications_idx ON meeting_applications (meeting_id, id);

CREATE TABLE meeting_events (
  id             bigserial PRIMARY KEY,
  meeting_id     bigint NOT NULL REFERENCES meetings(id),
  kind           text NOT NULL,
  at             timestamptz NOT NULL,
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX meeting_events_idx ON meeting_events (meeting_id, id);
