-- Annual reports on government information disclosure (政府信息公开工作年度报告, 国办公开办函〔2021〕30号).
CREATE TABLE annual_reports (
  id                 bigserial PRIMARY KEY,
  unit_id            integer NOT NULL REFERENCES units(id),
  year               integer NOT NULL CHECK (year BETWEEN 2008 AND 2100),
  format             text NOT NULL DEFAULT '2021' CHECK (format IN ('2021', '2019')),
  state              text NOT NULL CHECK (state IN ('draft', 'review', 'returned', 'filed', 'published')),
  entered            jsonb NOT NULL DEFAULT '{}',   -- figures the platform does not hold, typed by staff (table 二)
  narrative          jsonb NOT NULL DEFAULT '{}',   -- sections 一, 五, 六
  snapshot           jsonb,                         -- the tables as submitted: what was reviewed is what is published
  remarks            text NOT NULL DEFAULT '',
  published_item_id  bigint REFERENCES information_items(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, year)
);

CREATE TABLE annual_report_events (
  id             bigserial PRIMARY KEY,
  report_id      bigint NOT NULL REFERENCES annual_reports(id),
  kind           text NOT NULL,
  at             timestamptz NOT NULL DEFAULT now(),
  actor_user_id  integer REFERENCES users(id),
  actor_label    text NOT NULL,
  remarks        text NOT NULL DEFAULT ''
);
CREATE TRIGGER annual_report_events_append_only BEFORE UPDATE OR DELETE ON annual_report_events FOR EACH ROW EXECUTE FUNCTION refuse_change();
