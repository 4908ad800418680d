-- No query reads submissions by unit (duplicates are found by submission_id, the primary key): the index
-- only slowed every accepted submission down.
DROP INDEX IF EXISTS submission_unit;
