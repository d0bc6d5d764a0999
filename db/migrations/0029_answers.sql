-- The policy knowledge base (政策知识库 / 常见问题), the answers module (ADR 0022): Q&A entries per unit with their
-- variants, answer class (即时 / 短时 / 限时), review-by date and the published information they rest on. The working
-- copy is in qa_entries; every published version is kept in qa_versions and the public reads the latest one.
CREATE TABLE qa_entries (
  id                serial PRIMARY KEY,
  unit_id           integer NOT NULL REFERENCES units(id),
  state             text NOT NULL CHECK (state IN ('draft', 'review', 'published', 'withdrawn')),
  question          text NOT NULL,
  variants          text[] NOT NULL DEFAULT '{}',       -- how people actually ask
  answer            text NOT NULL,
  answer_class      text NOT NULL CHECK (answer_class IN ('instant', 'short', 'timed')),
  handover_unit_id  integer REFERENCES units(id),         -- 限时答复: the unit it is handed to
  handover_days     integer CHECK (handover_days BETWEEN 1 AND 60),
  topic             text NOT NULL DEFAULT '',
  review_by         date NOT NULL,
  source_item_ids   integer[] NOT NULL DEFAULT '{}',       -- the working copy's sources
  published_version integer NOT NULL DEFAULT 0,
  withdrawn_reason  text NOT NULL DEFAULT '',
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX qa_entries_unit_idx ON qa_entries (unit_id, state);

CREATE TABLE qa_versions (
  entry_id          integer NOT NULL REFERENCES qa_entries(id),
  version_no        integer NOT NULL,
  question          text NOT NULL,
  variants          text[] NOT NULL,
  answer            text NOT NULL,
  answer_class      text NOT NULL,
  handover_unit_id  integer REFERENCES units(id),
  handover_days     integer,
  published_at      timestamptz NOT NULL,
  PRIMARY KEY (entry_id, version_no)
);

-- What a published version rests on: the item and the version of it that was current when the answer was approved.
-- When the item is revised, repealed, expires or is withdrawn, the answer needs review (需复核) and leaves the public.
CREATE TABLE qa_sources (
  entry_id          integer NOT NULL REFERENCES qa_entries(id),
  version_no        integer NOT NULL,
  item_id           integer NOT NULL REFERENCES information_items(id),
  item_version_id   bigint NOT NULL REFERENCES item_versions(id),
  PRIMARY KEY (entry_id, version_no, item_id)
);
CREATE INDEX qa_sources_item_idx ON qa_sources (item_id);

CREATE TABLE qa_events (
  id             bigserial PRIMARY KEY,
  entry_id       integer NOT NULL REFERENCES qa_entries(id),
  kind           text NOT NULL,
  at             timestamptz NOT NULL,
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX qa_events_idx ON qa_events (entry_id, id);

-- Item pages list the answers that rest on them and are cached per content version: a change here moves it.
CREATE TRIGGER qa_entries_change AFTER INSERT OR UPDATE ON qa_entries FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();

-- How often answers were offered first on the search page (and the other forms) and opened: counts only.
CREATE TABLE qa_hint_counts (
  day      date NOT NULL,
  channel  text NOT NULL CHECK (channel IN ('search', 'request', 'message')),
  kind     text NOT NULL CHECK (kind IN ('shown', 'opened')),
  n        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, channel, kind)
);
