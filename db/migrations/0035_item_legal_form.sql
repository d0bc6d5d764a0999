-- 文件性质: whether a document is a 规章 or a 行政规范性文件. The gazette must carry both (国办发〔2018〕22号), cleanups
-- list them, and the annual report counts them; the document's nature does not change between its editions, so it
-- is kept on the item, not on a version.
ALTER TABLE information_items ADD COLUMN legal_form text NOT NULL DEFAULT '' CHECK (legal_form IN ('', 'rule', 'normative'));
CREATE INDEX information_items_legal_form_idx ON information_items (legal_form) WHERE legal_form <> '';
