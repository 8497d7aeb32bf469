-- The outbox: every message that goes to many chats is stored here before it is sent.

CREATE TABLE outbox_batch (
    id                  INTEGER PRIMARY KEY,
    kind                TEXT NOT NULL,     -- 'broadcast', 'news', 'notice', 'network', 'reminder'
    item                TEXT NOT NULL,     -- the kind's own key: broadcast id, news link, ...
    created_by          INTEGER,
    progress_chat_id    INTEGER,           -- a private chat that watches the batch go out
    progress_message_id INTEGER,           -- the message edited as the batch progresses
    created_at          TEXT NOT NULL,
    started_at          TEXT,
    finished_at         TEXT,
    UNIQUE (kind, item)
);

CREATE TABLE outbox_message (
    id          INTEGER PRIMARY KEY,
    batch_id    INTEGER NOT NULL REFERENCES outbox_batch (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    item        TEXT NOT NULL,
    chat_id     INTEGER NOT NULL,
    method      TEXT NOT NULL,
    params      TEXT NOT NULL,             -- JSON, without chat_id
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    due_at      TEXT NOT NULL,             -- not before (quiet hours, backoff, retry_after)
    message_id  INTEGER,
    last_error  TEXT,
    sent_at     TEXT,
    updated_at  TEXT NOT NULL,
    -- Never one (kind, item, chat) twice: the worker relies on this constraint.
    UNIQUE (kind, item, chat_id)
);
CREATE INDEX outbox_message_due ON outbox_message (status, due_at);
CREATE INDEX outbox_message_batch ON outbox_message (batch_id, status);
CREATE INDEX outbox_message_chat ON outbox_message (chat_id, status);
