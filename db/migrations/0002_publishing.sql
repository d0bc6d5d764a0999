-- Government information items (document identity) and their versions (editions), with the workflow event log.

CREATE TABLE index_no_counters (
  unit_id      integer NOT NULL REFERENCES units(id),
  year         integer NOT NULL,
  last_serial  integer NOT NULL,
  PRIMARY KEY (unit_id, year)
);

CREATE TABLE information_items (
  id                 bigserial PRIMARY KEY,
  unit_id            integer NOT NULL REFERENCES units(id),
  kind               text NOT NULL CHECK (kind IN ('information', 'interpretation')),
  index_no           text UNIQUE,                 -- 索引号, assigned at first publication, never reused
  -- unpublished: never approved; published: on the portal; filed: approved but not 主动公开 (kept, not shown);
  -- withdrawn: taken down with a reason, still listed to staff.
  status             text NOT NULL DEFAULT 'unpublished' CHECK (status IN ('unpublished', 'published', 'filed', 'withdrawn')),
  current_version_id bigint,                      -- the published version the public sees
  first_published_at timestamptz,
  withdrawn_at       timestamptz,
  withdrawn_reason   text,
  validity           text NOT NULL DEFAULT 'current' CHECK (validity IN ('current', 'revised', 'repealed', 'expired')),
  validity_by_item_id bigint REFERENCES information_items(id),  -- the item that revised or repealed this one
  created_by         integer REFERENCES users(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'withdrawn' OR (withdrawn_reason IS NOT NULL AND withdrawn_at IS NOT NULL))
);
CREATE INDEX information_items_unit_idx ON information_items (unit_id, status);
CREATE INDEX information_items_current_idx ON information_items (current_version_id);

CREATE TABLE item_versions (
  id                 bigserial PRIMARY KEY,
  item_id            bigint NOT NULL REFERENCES information_items(id),
  version_no         integer NOT NULL,
  state              text NOT NULL CHECK (state IN ('draft', 'secrecy_review', 'review', 'returned', 'scheduled',
                                                   'published', 'filed', 'superseded', 'withdrawn')),
  title              text NOT NULL,
  publisher_name     text NOT NULL,               -- 发布机构
  issuing_organs     text[] NOT NULL DEFAULT '{}', -- 发文机关 (may be several)
  doc_no             text NOT NULL DEFAULT '',    -- 发文字号 as written
  doc_no_normalized  text NOT NULL DEFAULT '',    -- 代字〔年〕序号号
  written_date       date,                        -- 成文日期
  publish_date       date,                        -- 发布日期
  effective_date     date,
  expiry_date        date,
  formed_date        date NOT NULL,               -- 形成或变更之日, Art. 26
  topic              text NOT NULL DEFAULT '',    -- 主题分类 一级\二级
  genre              text NOT NULL DEFAULT '',    -- 体裁/文种
  audience           text NOT NULL DEFAULT '',    -- 服务对象
  keywords           text[] NOT NULL DEFAULT '{}',-- 主题词
  summary            text NOT NULL DEFAULT '',    -- 内容概述
  section_code       text NOT NULL,               -- 法定主动公开内容 section
  disclosure         text NOT NULL CHECK (disclosure IN ('proactive', 'on_request', 'withheld')),
  withheld_ground    text,
  interpretation_form text,
  body_html          text NOT NULL DEFAULT '',
  body_text          text NOT NULL DEFAULT '',
  change_note        text NOT NULL DEFAULT '',
  scheduled_at       timestamptz,
  published_at       timestamptz,
  created_by         integer REFERENCES users(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (item_id, version_no),
  CHECK (disclosure = 'proactive' OR withheld_ground IS NOT NULL)
);
CREATE INDEX item_versions_state_idx ON item_versions (state);
-- Public lists walk the published versions newest first and stop after one page.
CREATE INDEX item_versions_public_idx ON item_versions (publish_date DESC, id DESC) WHERE state = 'published';
CREATE INDEX item_versions_public_section_idx ON item_versions (section_code, publish_date DESC, id DESC) WHERE state = 'published';
CREATE INDEX item_versions_item_idx ON item_versions (item_id);
ALTER TABLE information_items ADD CONSTRAINT information_items_current_version_fk
  FOREIGN KEY (current_version_id) REFERENCES item_versions(id);

-- Interpretations (政策解读) point at the policies they interpret; read both ways.
CREATE TABLE item_links (
  from_item_id  bigint NOT NULL REFERENCES information_items(id),
  to_item_id    bigint NOT NULL REFERENCES information_items(id),
  kind          text NOT NULL CHECK (kind IN ('interprets')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (from_item_id, to_item_id, kind),
  CHECK (from_item_id <> to_item_id)
);
CREATE INDEX item_links_to_idx ON item_links (to_item_id);

-- The workflow's event log: the audit trail of every item and the source for statistics.
CREATE TABLE item_events (
  id            bigserial PRIMARY KEY,
  item_id       bigint NOT NULL REFERENCES information_items(id),
  version_id    bigint REFERENCES item_versions(id),
  type          text NOT NULL,
  from_state    text,
  to_state      text,
  actor_user_id integer,
  actor_label   text NOT NULL,
  remarks       text NOT NULL DEFAULT '',
  payload       jsonb NOT NULL DEFAULT '{}'::jsonb,
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX item_events_item_idx ON item_events (item_id, id);
CREATE TRIGGER item_events_append_only BEFORE UPDATE OR DELETE ON item_events FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Files are stored once by content hash; in the database so backups and several app nodes need nothing else.
CREATE TABLE blobs (
  sha256      text PRIMARY KEY,
  size        bigint NOT NULL,
  mime        text NOT NULL,
  content     bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE attachments (
  id          bigserial PRIMARY KEY,
  version_id  bigint NOT NULL REFERENCES item_versions(id),
  blob_sha256 text NOT NULL REFERENCES blobs(sha256),
  filename    text NOT NULL,
  position    integer NOT NULL DEFAULT 0,
  text_content text NOT NULL DEFAULT '',     -- extracted text, for personal-data checks and search
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_version_idx ON attachments (version_id);

-- Personal data found before publication; each must be masked or justified before the version can be published.
CREATE TABLE personal_data_findings (
  id            bigserial PRIMARY KEY,
  version_id    bigint NOT NULL REFERENCES item_versions(id),
  source        text NOT NULL,                 -- 'body' or 'attachment:<id>'
  kind          text NOT NULL CHECK (kind IN ('id_card', 'mobile', 'bank_card', 'email', 'landline')),
  value_hash    text NOT NULL,
  excerpt       text NOT NULL,                 -- already masked, safe to show
  resolution    text CHECK (resolution IN ('masked', 'justified')),
  justification text,
  resolved_by   integer REFERENCES users(id),
  resolved_at   timestamptz,
  CHECK (resolution IS DISTINCT FROM 'justified' OR justification IS NOT NULL)
);
CREATE INDEX personal_data_findings_version_idx ON personal_data_findings (version_id);
