-- E-mail intake of results workbooks (docs/workbooks.md): every mail read from the intake mailbox, by the SHA-256
-- of its Message-ID, so that each is handled once, also after a crash (a mail read again is skipped once answered;
-- its submission id derives from the Message-ID, so a mail handled again after a crash is a duplicate at the intake).
CREATE TABLE mail_intake (
    message_key   VARCHAR(64)   NOT NULL PRIMARY KEY,
    message_id    VARCHAR(1000) NOT NULL,
    sender        VARCHAR(320),
    submission_id VARCHAR(64),
    status        VARCHAR(16)   NOT NULL,
    copies        INTEGER       NOT NULL,
    received_at   BIGINT        NOT NULL,
    answered_at   BIGINT
);
