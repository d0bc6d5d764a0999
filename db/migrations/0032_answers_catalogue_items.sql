-- A Q&A entry names the standard-catalogue items (标准目录事项) of its unit that it answers for, as 'area|item key'
-- (the key that stays the same across catalogue versions). The working copy holds them in qa_entries; each
-- published version keeps the ones it was approved with, and the catalogue's public page lists the answers per item.
ALTER TABLE qa_entries ADD COLUMN catalogue_keys text[] NOT NULL DEFAULT '{}';
ALTER TABLE qa_versions ADD COLUMN catalogue_keys text[] NOT NULL DEFAULT '{}';
