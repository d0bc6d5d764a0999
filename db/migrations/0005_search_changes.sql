-- The change log every node's search index follows: one row whenever an item's public state may have changed.
CREATE TABLE search_changes (
  seq      bigserial PRIMARY KEY,
  item_id  bigint NOT NULL,
  at       timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION log_search_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_changes (item_id) VALUES (NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER information_items_search_change AFTER INSERT OR UPDATE ON information_items FOR EACH ROW
  WHEN (NEW.status = 'published' OR NEW.status = 'withdrawn')
  EXECUTE FUNCTION log_search_change();
