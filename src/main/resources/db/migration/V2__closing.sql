-- Closing a period: commands, holds, award decisions, and the letters they announce (numbered at decision).

CREATE TABLE command_log (
    command_id   VARCHAR(64)  PRIMARY KEY,
    type         VARCHAR(20)  NOT NULL,
    period       VARCHAR(4)   NOT NULL,
    source       VARCHAR(300) NOT NULL,
    accepted_at  BIGINT       NOT NULL
);

-- staff_code is '' for a hold on a unit (its collective awards)
CREATE TABLE period_hold (
    period      VARCHAR(4)    NOT NULL,
    unit_code   VARCHAR(64)   NOT NULL,
    staff_code  VARCHAR(64)   NOT NULL,
    reason      VARCHAR(2000),
    command_id  VARCHAR(64)   NOT NULL,
    PRIMARY KEY (period, unit_code, staff_code)
);

CREATE TABLE award (
    award_id    VARCHAR(200) PRIMARY KEY,
    period      VARCHAR(4)   NOT NULL,
    seq         INTEGER      NOT NULL,
    award_code  VARCHAR(40)  NOT NULL,
    status      VARCHAR(10)  NOT NULL,
    unit_code   VARCHAR(64),
    event       VARCHAR      NOT NULL,
    decided_at  BIGINT       NOT NULL
);
CREATE INDEX award_period ON award (period, seq);

-- one row per letter to send; number assigned at decision, never reused or skipped
CREATE TABLE letter (
    award_id           VARCHAR(200) PRIMARY KEY,
    period             VARCHAR(4)   NOT NULL,
    issue_year         INTEGER      NOT NULL,
    number_in_year     INTEGER      NOT NULL,
    letter_number      VARCHAR(40)  NOT NULL,
    issued_on          VARCHAR(10)  NOT NULL,
    status             VARCHAR(10)  NOT NULL,
    attempts           INTEGER      NOT NULL,
    message_id         VARCHAR(200),
    verification_code  VARCHAR(40),
    last_error         VARCHAR(2000),
    next_attempt_at    BIGINT       NOT NULL,
    updated_at         BIGINT       NOT NULL,
    CONSTRAINT letter_number_unique UNIQUE (issue_year, number_in_year)
);
CREATE INDEX letter_due ON letter (status, next_attempt_at);

CREATE TABLE letter_counter (
    issue_year   INTEGER PRIMARY KEY,
    last_number  INTEGER NOT NULL
);

-- the office's summary mail of a close (one per period)
CREATE TABLE close_summary (
    period           VARCHAR(4)    PRIMARY KEY,
    status           VARCHAR(10)   NOT NULL,
    attempts         INTEGER       NOT NULL,
    last_error       VARCHAR(2000),
    next_attempt_at  BIGINT        NOT NULL,
    updated_at       BIGINT        NOT NULL
);
