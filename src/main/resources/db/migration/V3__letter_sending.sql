-- Sending letters: a claim (lease) so that one hub instance at a time sends a letter, and the uncertain
-- state of a send interrupted between the SMTP server's acceptance and the record of it.
ALTER TABLE letter ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE letter ADD COLUMN lease_until BIGINT;
ALTER TABLE close_summary ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE close_summary ADD COLUMN lease_until BIGINT;
CREATE INDEX letter_verification ON letter (verification_code);
