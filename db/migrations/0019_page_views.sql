-- Page views of the public 政府信息公开 pages, counted without cookies, addresses or any personal data: one row per
-- day, unit, column (section, '' for the unit's home) and item (0 for a list or home page).
CREATE TABLE page_views (
  day      date NOT NULL,
  unit_id  integer NOT NULL REFERENCES units(id),
  section  text NOT NULL DEFAULT '',
  item_id  bigint NOT NULL DEFAULT 0,
  views    integer NOT NULL,
  PRIMARY KEY (day, unit_id, section, item_id)
);
CREATE INDEX page_views_item ON page_views (item_id) WHERE item_id <> 0;
