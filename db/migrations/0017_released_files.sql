-- The information released with a reply or at delivery (答复所附政府信息): any file type checked by content, marked
-- when it is the disclosable part of a partial release, with what the personal-data check found and how the officer
-- settled it, and the letter it went with.
ALTER TABLE case_files DROP CONSTRAINT case_files_kind_check;
ALTER TABLE case_files ADD CONSTRAINT case_files_kind_check CHECK (kind IN ('identity', 'correction', 'other', 'released'));
ALTER TABLE case_files ADD COLUMN partial boolean NOT NULL DEFAULT false;
ALTER TABLE case_files ADD COLUMN personal_data text NOT NULL DEFAULT '';
ALTER TABLE case_files ADD COLUMN letter_id bigint REFERENCES case_letters(id);
