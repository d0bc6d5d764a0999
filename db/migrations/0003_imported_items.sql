-- Items brought in from other systems keep where they came from and every metadata field of the source record.
ALTER TABLE information_items ADD COLUMN source_url text NOT NULL DEFAULT '';
ALTER TABLE information_items ADD COLUMN source_record jsonb;
