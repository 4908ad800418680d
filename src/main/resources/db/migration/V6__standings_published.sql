-- The newest standings snapshot published for each block, by any hub instance. A snapshot is published while
-- its block's row here is locked, and only if it is newer than the one recorded: so on tdkt.standings the
-- snapshots of a block follow their sequence numbers, whichever instance recorded them (a stale one is dropped,
-- the newer snapshot already carries the whole standings).
CREATE TABLE standings_published (
    period      VARCHAR(4)    NOT NULL,
    block_code  VARCHAR(64)   NOT NULL,
    seq         BIGINT        NOT NULL,
    PRIMARY KEY (period, block_code)
);
