-- A letter is never edited once issued: a mistake is corrected by a new, numbered letter that replaces it, and both
-- stay in the record (the first marked as replaced, with the reason).
ALTER TABLE case_letters ADD COLUMN replaces_id bigint REFERENCES case_letters(id);
ALTER TABLE case_letters ADD COLUMN correction_reason text NOT NULL DEFAULT '';
CREATE UNIQUE INDEX case_letters_replaced_once ON case_letters (replaces_id) WHERE replaces_id IS NOT NULL;
