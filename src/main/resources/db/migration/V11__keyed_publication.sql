-- The last record of a key is the current state, also after a crash (contracts.md): every state message of the
-- keyed topics (tdkt.scores, tdkt.standings, tdkt.awards, tdkt.letters) carries an ordering number within its key
-- (outbox.seq), and is published while its key's row in published_key is locked, only if it is newer than the
-- one recorded there (by any instance). A stale message (published again by outbox recovery after a crash, or by
-- an instance that committed earlier but published later) is dropped. published_key replaces
-- standings_published (whose rows are carried over under the default standings topic name).
-- (outbox.state_key names the state: the record key, or for a UnitScore "{period}:{unitCode}")
ALTER TABLE outbox ADD COLUMN seq BIGINT;
ALTER TABLE outbox ADD COLUMN state_key VARCHAR(300);

CREATE TABLE published_key (
    topic    VARCHAR(255) NOT NULL,
    msg_key  VARCHAR(300) NOT NULL,  -- the state's key (outbox.state_key)
    seq      BIGINT       NOT NULL,
    PRIMARY KEY (topic, msg_key)
);
INSERT INTO published_key (topic, msg_key, seq)
    SELECT 'tdkt.standings', period || ':' || block_code, seq FROM standings_published;
DROP TABLE standings_published;

-- a letter's LetterEvents are numbered (the number of attempts restarts at a resend)
ALTER TABLE letter ADD COLUMN event_seq BIGINT DEFAULT 0 NOT NULL;
