-- Diskominfo broadcasts (siaran): what is sent, to whom, when; each run; receipts from KIMs.

CREATE TABLE broadcast (
    id            INTEGER PRIMARY KEY,
    created_by    INTEGER NOT NULL,            -- the broadcaster (their private chat gets progress)
    content_kind  TEXT NOT NULL CHECK (content_kind IN ('text', 'photo', 'document', 'copy')),
    template      TEXT,                        -- Jinja2 text or caption, rendered per KIM
    file_id       TEXT,                        -- photo or document
    from_chat_id  INTEGER,                     -- copy: the message forwarded to the bot
    message_id    INTEGER,
    target_kind   TEXT NOT NULL CHECK (target_kind IN ('all', 'kecamatan', 'topic', 'kim')),
    target_values TEXT NOT NULL DEFAULT '[]',  -- JSON list: kecamatan codes, topic ids, KIM ids
    schedule_kind TEXT NOT NULL CHECK (schedule_kind IN ('once', 'daily', 'weekly', 'monthly')),
    at_time       TEXT,                        -- HH:MM local (WIB) for recurring runs
    weekday       INTEGER CHECK (weekday BETWEEN 0 AND 6),     -- weekly: 0 = Senin
    month_day     INTEGER CHECK (month_day BETWEEN 1 AND 31),  -- monthly: clamped to month end
    next_run_at   TEXT,                        -- UTC; NULL once nothing more is due
    status        TEXT NOT NULL DEFAULT 'scheduled'
                  CHECK (status IN ('draft', 'scheduled', 'paused', 'done', 'cancelled')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX broadcast_status ON broadcast (status, next_run_at);

-- One row per occurrence. UNIQUE (broadcast_id, scheduled_for) is what makes a run that
-- was missed while the bot was down happen once on return, never twice.
CREATE TABLE broadcast_run (
    id            INTEGER PRIMARY KEY,
    broadcast_id  INTEGER NOT NULL REFERENCES broadcast (id) ON DELETE CASCADE,
    run_no        INTEGER NOT NULL,
    scheduled_for TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    batch_id      INTEGER,                     -- the outbox batch; NULL until submitted
    UNIQUE (broadcast_id, scheduled_for),
    UNIQUE (broadcast_id, run_no)
);

-- The KIMs a run was addressed to; sent_at/message_id come from the outbox once delivered.
CREATE TABLE broadcast_delivery (
    run_id        INTEGER NOT NULL REFERENCES broadcast_run (id) ON DELETE CASCADE,
    kim_id        INTEGER NOT NULL REFERENCES kim (id) ON DELETE CASCADE,
    chat_id       INTEGER NOT NULL,
    message_id    INTEGER,
    sent_at       TEXT,
    reminder_sent INTEGER NOT NULL DEFAULT 0,  -- the one reminder after 3 days went out
    PRIMARY KEY (run_id, kim_id)
);
CREATE INDEX broadcast_delivery_chat ON broadcast_delivery (chat_id);

-- A KIM's confirmation that it passed a run on to citizens: once per run and KIM.
CREATE TABLE receipt (
    run_id        INTEGER NOT NULL REFERENCES broadcast_run (id) ON DELETE CASCADE,
    kim_id        INTEGER NOT NULL REFERENCES kim (id) ON DELETE CASCADE,
    citizens      INTEGER NOT NULL CHECK (citizens >= 0),
    channel       TEXT NOT NULL,
    confirmed_by  INTEGER NOT NULL,
    confirmed_at  TEXT NOT NULL,
    PRIMARY KEY (run_id, kim_id)
);
