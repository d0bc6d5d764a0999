-- Supervision: the list of wrong or sensitive expressions (错敏词) the office maintains, and assessment scoring.

CREATE TABLE wording_rules (
  id          bigserial PRIMARY KEY,
  wrong       text NOT NULL UNIQUE CHECK (length(wrong) BETWEEN 1 AND 50),
  correct     text NOT NULL DEFAULT '',
  kind        text NOT NULL CHECK (kind IN ('wrong', 'sensitive')),
  note        text NOT NULL DEFAULT '',
  updated_at  timestamptz NOT NULL DEFAULT now()
);
-- A starting list of common misused words (错别字) in government texts; the office extends it.
INSERT INTO wording_rules (wrong, correct, kind) VALUES
  ('截止目前', '截至目前', 'wrong'),
  ('截止到', '截至', 'wrong'),
  ('帐户', '账户', 'wrong'),
  ('既使', '即使', 'wrong'),
  ('再接再励', '再接再厉', 'wrong'),
  ('迫不急待', '迫不及待', 'wrong'),
  ('一愁莫展', '一筹莫展', 'wrong'),
  ('默守成规', '墨守成规', 'wrong'),
  ('不径而走', '不胫而走', 'wrong'),
  ('按装', '安装', 'wrong'),
  ('凭心而论', '平心而论', 'wrong');

-- Assessment (绩效考核): indicators with weights; a unit's score per indicator is computed from its findings, or
-- entered (社会评议, 第三方评估).
CREATE TABLE assessment_indicators (
  key        text PRIMARY KEY,
  name       text NOT NULL,
  weight     numeric NOT NULL CHECK (weight >= 0 AND weight <= 100),
  deduction  numeric NOT NULL DEFAULT 10 CHECK (deduction >= 0 AND deduction <= 100),  -- points off per finding, of 100
  manual     boolean NOT NULL DEFAULT false,
  sort       integer NOT NULL
);
INSERT INTO assessment_indicators (key, name, weight, deduction, manual, sort) VALUES
  ('requests', '依申请公开按期答复', 20, 20, false, 1),
  ('timeliness', '主动公开及时性', 20, 5, false, 2),
  ('interpretation', '政策解读', 15, 10, false, 3),
  ('catalogue', '标准目录落实', 15, 5, false, 4),
  ('withheld', '不予公开信息定期评估', 5, 10, false, 5),
  ('home', '栏目更新', 5, 50, false, 6),
  ('wording', '错敏词', 5, 10, false, 7),
  ('social', '社会评议', 10, 0, true, 8),
  ('third_party', '第三方评估', 5, 0, true, 9);

CREATE TABLE assessment_manual_scores (
  unit_id     integer NOT NULL REFERENCES units(id),
  year        integer NOT NULL,
  key         text NOT NULL REFERENCES assessment_indicators(key),
  score       numeric NOT NULL CHECK (score >= 0 AND score <= 100),   -- of 100
  note        text NOT NULL DEFAULT '',
  updated_by  integer REFERENCES users(id),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, year, key)
);

-- How often a column must have something new (更新频率): checked by supervision; NULL means no rhythm is set.
ALTER TABLE unit_sections ADD COLUMN rhythm text CHECK (rhythm IN ('day', 'week', 'xun', 'month', 'quarter', 'year'));

-- Results of checking external links found in published texts (a scheduled job; `npx gongkai links check`).
CREATE TABLE link_checks (
  url         text PRIMARY KEY,
  ok          boolean NOT NULL,
  status      integer,
  error       text NOT NULL DEFAULT '',
  checked_at  timestamptz NOT NULL
);
