-- 规范性文件清理 and 备案审查 (HZ 一(一), DG 三(四)). A cleanup campaign lists every current 规章 and 行政规范性文件 of
-- a unit when it starts; each is decided (继续有效 / 修改 / 废止 / 宣布失效) with the document that follows it up; the
-- result list is published as an information item and applied to the documents' validity in the same transaction.
-- The 备案审查 record of a document (报备日期, 备案机关, 审查结论) is kept per document and shown on its page.

CREATE TABLE cleanup_campaigns (
  id              serial PRIMARY KEY,
  unit_id         integer NOT NULL REFERENCES units(id),
  title           text NOT NULL,
  basis           text NOT NULL DEFAULT '',
  state           text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'published')),
  result_item_id  bigint REFERENCES information_items(id),
  published_at    timestamptz,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  CHECK (state <> 'published' OR result_item_id IS NOT NULL)
);
CREATE INDEX cleanup_campaigns_unit_idx ON cleanup_campaigns (unit_id, id);

CREATE TABLE cleanup_decisions (
  campaign_id        integer NOT NULL REFERENCES cleanup_campaigns(id),
  item_id            bigint NOT NULL REFERENCES information_items(id),
  seq                integer NOT NULL,
  decision           text CHECK (decision IN ('keep', 'revise', 'repeal', 'expire')),
  follow_up_item_id  bigint REFERENCES information_items(id),
  reason             text NOT NULL DEFAULT '',
  decided_at         timestamptz,
  PRIMARY KEY (campaign_id, item_id),
  CHECK (decision <> 'revise' OR follow_up_item_id IS NOT NULL)
);

CREATE TABLE filing_reviews (
  item_id     bigint PRIMARY KEY REFERENCES information_items(id),
  filed_on    date NOT NULL,                                  -- 报备日期
  filed_with  text NOT NULL,                                  -- 备案机关
  conclusion  text NOT NULL CHECK (conclusion IN ('pending', 'passed', 'corrected')),
  note        text NOT NULL DEFAULT '',
  updated_at  timestamptz NOT NULL
);

CREATE TABLE cleanup_events (
  id             bigserial PRIMARY KEY,
  campaign_id    integer NOT NULL REFERENCES cleanup_campaigns(id),
  kind           text NOT NULL,
  at             timestamptz NOT NULL,
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX cleanup_events_idx ON cleanup_events (campaign_id, id);
CREATE TRIGGER cleanup_events_append_only BEFORE UPDATE OR DELETE ON cleanup_events FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A document's page shows its 备案审查 record.
CREATE TRIGGER filing_reviews_change AFTER INSERT OR UPDATE OR DELETE ON filing_reviews FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
