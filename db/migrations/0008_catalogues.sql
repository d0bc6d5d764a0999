-- Standard disclosure catalogues (公开事项标准目录) for the 26 areas of 国办发〔2019〕54号 (regulations.md §6).

-- The areas are reference data the 政务公开 office can correct: names marked unconfirmed are [U] in regulations.md.
CREATE TABLE catalogue_areas (
  code          text PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  sort          integer NOT NULL,
  confirmed     boolean NOT NULL,
  note          text NOT NULL DEFAULT '',
  lead_unit_id  integer REFERENCES units(id),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

INSERT INTO catalogue_areas (code, name, sort, confirmed, note) VALUES
  ('01', '城乡规划', 1, true, ''),
  ('02', '重大建设项目', 2, true, ''),
  ('03', '公共资源交易', 3, true, ''),
  ('04', '财政预决算', 4, true, ''),
  ('05', '安全生产', 5, true, ''),
  ('06', '税收管理', 6, true, ''),
  ('07', '农村集体土地征收', 7, false, '已证实为“农村集体土地”，全称未核实'),
  ('08', '国有土地上房屋征收与补偿', 8, true, ''),
  ('09', '生态环境', 9, false, '2017年试点称“环境保护”，2019年后的名称未核实'),
  ('10', '公共文化服务', 10, true, ''),
  ('11', '公共法律服务', 11, true, '已证实为“公共法律”'),
  ('12', '扶贫', 12, true, ''),
  ('13', '救灾', 13, true, ''),
  ('14', '社会救助', 14, true, ''),
  ('15', '养老服务', 15, true, ''),
  ('16', '户籍管理', 16, true, ''),
  ('17', '涉农补贴', 17, true, ''),
  ('18', '义务教育', 18, true, ''),
  ('19', '卫生健康', 19, true, ''),
  ('20', '市政服务', 20, true, ''),
  ('21', '农村危房改造', 21, true, ''),
  ('22', '保障性住房', 22, true, ''),
  ('23', '食品药品监管', 23, true, ''),
  ('24', '城市综合执法', 24, true, ''),
  ('25', '就业', 25, true, ''),
  ('26', '社会保险', 26, true, '');

-- Units responsible for an area besides its lead unit.
CREATE TABLE catalogue_area_units (
  area_code  text NOT NULL REFERENCES catalogue_areas(code),
  unit_id    integer NOT NULL REFERENCES units(id),
  PRIMARY KEY (area_code, unit_id)
);

-- One version of a unit's catalogue for an area (or of an area template an office hands out).
CREATE TABLE catalogues (
  id           bigserial PRIMARY KEY,
  unit_id      integer NOT NULL REFERENCES units(id),
  area_code    text NOT NULL REFERENCES catalogue_areas(code),
  is_template  boolean NOT NULL DEFAULT false,
  based_on_id  bigint REFERENCES catalogues(id),
  version_no   integer NOT NULL,
  state        text NOT NULL CHECK (state IN ('compiling', 'submitted', 'returned', 'approved', 'published', 'superseded')),
  remarks      text NOT NULL DEFAULT '',
  published_at timestamptz,
  created_by   integer REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, area_code, is_template, version_no)
);

CREATE TABLE catalogue_items (
  id                 bigserial PRIMARY KEY,
  catalogue_id       bigint NOT NULL REFERENCES catalogues(id),
  seq                integer NOT NULL,
  item_key           text NOT NULL,          -- 一级事项｜二级事项: what information items are filed under, across versions
  code               text NOT NULL DEFAULT '',
  level1             text NOT NULL,
  level2             text NOT NULL DEFAULT '',
  content            text NOT NULL,
  basis              text NOT NULL,
  time_limit         text NOT NULL,          -- as written
  time_rule          jsonb NOT NULL,         -- as read (timeLimit.ts)
  publisher          text NOT NULL,
  channels           text[] NOT NULL,
  audience_all       boolean NOT NULL,
  audience_specific  boolean NOT NULL,
  mode_proactive     boolean NOT NULL,
  mode_on_request    boolean NOT NULL,
  tier_county        boolean NOT NULL,
  tier_township      boolean NOT NULL,
  UNIQUE (catalogue_id, seq),
  UNIQUE (catalogue_id, item_key)
);

CREATE TABLE catalogue_events (
  id             bigserial PRIMARY KEY,
  catalogue_id   bigint NOT NULL REFERENCES catalogues(id),
  kind           text NOT NULL,
  at             timestamptz NOT NULL DEFAULT now(),
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  remarks        text NOT NULL DEFAULT ''
);
CREATE TRIGGER catalogue_events_append_only BEFORE UPDATE OR DELETE ON catalogue_events FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- An information item filed under a catalogue item of its unit (by area and item key, so it stays filed across
-- catalogue versions).
ALTER TABLE information_items ADD COLUMN catalogue_area text REFERENCES catalogue_areas(code);
ALTER TABLE information_items ADD COLUMN catalogue_key text;
CREATE INDEX information_items_catalogue_idx ON information_items (unit_id, catalogue_area, catalogue_key) WHERE catalogue_key IS NOT NULL;

-- Published catalogues and what is filed under them are on public pages: their changes empty the page caches.
CREATE TRIGGER catalogues_change AFTER INSERT OR UPDATE OR DELETE ON catalogues FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER catalogue_items_change AFTER INSERT OR UPDATE OR DELETE ON catalogue_items FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER information_items_catalogue_change AFTER UPDATE ON information_items FOR EACH ROW
  WHEN (NEW.catalogue_key IS DISTINCT FROM OLD.catalogue_key OR NEW.catalogue_area IS DISTINCT FROM OLD.catalogue_area)
  EXECUTE FUNCTION bump_content_version();
