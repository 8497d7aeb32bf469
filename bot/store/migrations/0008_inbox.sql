-- The update inbox: every update Telegram hands over is kept here before Telegram is told
-- it arrived (the next getUpdates confirms it), and marked done once handled and its
-- conversation state saved. After a crash, what is not done is handled again on start.

CREATE TABLE update_inbox (
    update_id   INTEGER PRIMARY KEY,
    payload     TEXT NOT NULL,
    received_at TEXT NOT NULL,
    done_at     TEXT
);
CREATE INDEX update_inbox_pending ON update_inbox (update_id) WHERE done_at IS NULL;
