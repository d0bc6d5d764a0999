-- 政府公报 (国办发〔2018〕22号): the city's gazette, issue by issue since the first. An entry of an issue is the existing
-- information item (same 索引号, no re-keying); an issue imported from the paper archive may name documents that
-- have no item, by title, 文号 and 发文机关. Page ranges are those of the issue's print PDF.

CREATE TABLE gazette_issues (
  id             serial PRIMARY KEY,
  year           integer NOT NULL CHECK (year BETWEEN 1949 AND 2200),
  number         integer NOT NULL CHECK (number BETWEEN 1 AND 999),     -- 期号: 第N期 within the year
  serial         integer NOT NULL UNIQUE CHECK (serial >= 1),           -- 总号: counted since the first issue
  publish_date   date NOT NULL,                                         -- 出版日期
  -- draft: being compiled; published: public with its PDF; withdrawn: taken down with a reason (kept).
  state          text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'withdrawn')),
  source         text NOT NULL DEFAULT 'compiled' CHECK (source IN ('compiled', 'imported')),
  pdf_sha256     text REFERENCES blobs(sha256),                         -- the print edition as published
  page_count     integer,
  -- The text layer of an imported issue's PDF (the archive has no items to search), for the gazette's search.
  text           text NOT NULL DEFAULT '',
  withdrawn_reason text,
  published_at   timestamptz,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  UNIQUE (year, number),
  CHECK (state <> 'published' OR pdf_sha256 IS NOT NULL),
  CHECK (state <> 'withdrawn' OR withdrawn_reason IS NOT NULL)
);

CREATE TABLE gazette_entries (
  id         serial PRIMARY KEY,
  issue_id   integer NOT NULL REFERENCES gazette_issues(id),
  seq        integer NOT NULL,
  -- 栏目: 市政府令, 市政府文件, 市政府办公室文件, 部门文件, 人事任免, 其他
  section    text NOT NULL CHECK (section IN ('order', 'city', 'office', 'department', 'personnel', 'other')),
  item_id    bigint REFERENCES information_items(id),
  -- The edition printed: set when the issue is published, so the web edition shows the same text as the PDF.
  version_id bigint REFERENCES item_versions(id),
  title      text NOT NULL,
  doc_no     text NOT NULL DEFAULT '',
  issuer     text NOT NULL DEFAULT '',
  page_from  integer,
  page_to    integer,
  UNIQUE (issue_id, seq),
  CHECK (page_from IS NULL OR (page_from >= 1 AND page_to >= page_from))
);
CREATE INDEX gazette_entries_item_idx ON gazette_entries (item_id) WHERE item_id IS NOT NULL;
CREATE UNIQUE INDEX gazette_entries_once_idx ON gazette_entries (issue_id, item_id) WHERE item_id IS NOT NULL;

CREATE TABLE gazette_events (
  id             bigserial PRIMARY KEY,
  issue_id       integer NOT NULL REFERENCES gazette_issues(id),
  kind           text NOT NULL,
  at             timestamptz NOT NULL,
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX gazette_events_idx ON gazette_events (issue_id, id);
CREATE TRIGGER gazette_events_append_only BEFORE UPDATE OR DELETE ON gazette_events FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A published issue changes the item pages that cite it and the public gazette pages.
CREATE TRIGGER gazette_issues_change AFTER INSERT OR UPDATE ON gazette_issues FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER gazette_entries_change AFTER INSERT OR UPDATE OR DELETE ON gazette_entries FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
