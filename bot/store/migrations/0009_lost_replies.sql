-- Replies given up: a reply to a person (not an outbox message) that met network or server
-- errors for over a minute, or kept meeting 429s, is recorded here and counted in /gagal,
-- never dropped silently.

CREATE TABLE lost_reply (
    id      INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    method  TEXT NOT NULL,
    error   TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX lost_reply_at ON lost_reply (at);
