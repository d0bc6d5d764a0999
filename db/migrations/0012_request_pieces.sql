-- 109号 第四条: an application is counted in pieces, split "以合理的最小单位"; the pieces of an applicant's earlier
-- applications in the same calendar month of receipt decide where a later one's pieces stand in the fee tiers.
-- NULL: not split (one piece). fee_method: the one method an application is charged by (第三条).
ALTER TABLE request_cases ADD COLUMN pieces integer CHECK (pieces IS NULL OR pieces BETWEEN 1 AND 100000);
ALTER TABLE request_cases ADD COLUMN fee_method text CHECK (fee_method IS NULL OR fee_method IN ('piece', 'page'));
CREATE INDEX request_cases_applicant_month_idx ON request_cases (id_number, received_on);
