-- What the 政务公开 office tunes search with, and what citizens searched for.

-- Everyday words and the official terms documents use instead (社保 → 社会保险). A query containing the term is also
-- matched by its synonyms, at a lower weight.
CREATE TABLE search_synonyms (
  term        text PRIMARY KEY CHECK (length(term) BETWEEN 1 AND 20),
  synonyms    text[] NOT NULL CHECK (cardinality(synonyms) BETWEEN 1 AND 10),
  updated_by  integer REFERENCES users(id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO search_synonyms (term, synonyms) VALUES
  ('社保', '{社会保险}'),
  ('低保', '{最低生活保障}'),
  ('公积金', '{住房公积金}'),
  ('医保', '{医疗保险,医疗保障}'),
  ('养老金', '{基本养老金,养老保险}'),
  ('退休金', '{基本养老金,养老保险}'),
  ('失业金', '{失业保险金}'),
  ('断缴', '{中断缴费,欠缴}'),
  ('上学', '{入学,招生}'),
  ('孩子', '{儿童,子女}'),
  ('小孩', '{儿童,子女}'),
  ('幼儿园', '{学前教育}'),
  ('学区', '{招生范围,施教区}'),
  ('身份证', '{居民身份证}'),
  ('户口', '{户籍}'),
  ('落户', '{户籍迁入,落户}'),
  ('驾照', '{机动车驾驶证}'),
  ('残疾证', '{残疾人证}'),
  ('老人', '{老年人}'),
  ('生孩子', '{生育}'),
  ('产假', '{生育假,产假}'),
  ('看病', '{就医,医疗}'),
  ('公租房', '{公共租赁住房}'),
  ('廉租房', '{公共租赁住房,保障性住房}'),
  ('拆迁', '{房屋征收,征收补偿}'),
  ('个税', '{个人所得税}'),
  ('网约车', '{网络预约出租汽车}'),
  ('五险一金', '{社会保险,住房公积金}'),
  ('物业费', '{物业服务收费}');

-- One row per search made on the portal or through the API. The query is stored in its normal form with personal
-- data (identity card, phone and bank card numbers …) masked, and no IP address or account is kept with it.
CREATE TABLE search_queries (
  id        bigserial PRIMARY KEY,
  query     text NOT NULL,
  unit_id   bigint REFERENCES units(id),
  results   integer NOT NULL,
  channel   text NOT NULL CHECK (channel IN ('portal', 'api')),
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_queries_at_idx ON search_queries (at);

-- Queries the office keeps off the public list of popular searches.
CREATE TABLE search_query_flags (
  query       text PRIMARY KEY,
  reason      text NOT NULL DEFAULT '',
  updated_by  integer REFERENCES users(id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
