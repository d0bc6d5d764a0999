-- A counter that moves whenever anything the public sees changes. Every app node keeps rendered public pages in
-- memory and drops them when the counter moves (it checks at most once a second, and at once after its own writes).
CREATE TABLE content_state (
  id       integer PRIMARY KEY CHECK (id = 1),
  version  bigint NOT NULL
);
INSERT INTO content_state (id, version) VALUES (1, 1);

CREATE FUNCTION bump_content_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE content_state SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END $$;

-- Only changes that can alter a public page: drafts being edited do not empty the caches.
CREATE TRIGGER information_items_public_change AFTER UPDATE ON information_items FOR EACH ROW
  WHEN (NEW.status IS DISTINCT FROM OLD.status OR NEW.current_version_id IS DISTINCT FROM OLD.current_version_id
        OR NEW.validity IS DISTINCT FROM OLD.validity OR NEW.validity_by_item_id IS DISTINCT FROM OLD.validity_by_item_id
        OR NEW.index_no IS DISTINCT FROM OLD.index_no)
  EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER units_change AFTER INSERT OR UPDATE OR DELETE ON units FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER unit_sections_change AFTER INSERT OR UPDATE OR DELETE ON unit_sections FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER item_links_change AFTER INSERT OR UPDATE OR DELETE ON item_links FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
