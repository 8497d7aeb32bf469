-- Diskusi: discussion threads in KIM groups, a forum topic or a reply thread, from opening to
-- a conclusion; and where a forum group receives news and broadcasts.
-- Counts only: no message text is kept beyond the title, the opener's text and the conclusion.

CREATE TABLE discussion (
    id                 INTEGER PRIMARY KEY,
    kim_id             INTEGER NOT NULL REFERENCES kim (id) ON DELETE CASCADE,
    title              TEXT NOT NULL,
    opener_text        TEXT,
    origin             TEXT NOT NULL,        -- 'berita:<news id>', 'siaran:<run id>', 'pesan:<id>'
    thread_id          INTEGER,              -- its forum topic; NULL: a reply thread
    anchor_id          INTEGER,              -- the bot's opening message; NULL while opening
    opened_by          INTEGER,              -- NULL once the opener erased their data
    opened_at          TEXT NOT NULL,
    last_activity_at   TEXT NOT NULL,        -- the opening, or the last message counted
    participants       INTEGER NOT NULL DEFAULT 0,
    messages           INTEGER NOT NULL DEFAULT 0,
    status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    reminded_at        TEXT,                 -- the one reminder of the current idle stretch
    closed_at          TEXT,
    closed_by          INTEGER,
    close_reason       TEXT CHECK (close_reason IN ('conclusion', 'idle')),
    conclusion         TEXT,
    closing_message_id INTEGER,              -- the /kesimpulan that closed it (a replay knows it)
    summary_message_id INTEGER               -- its summary card, once posted
);
-- One open discussion per KIM and origin: a second "Diskusikan" finds the first.
CREATE UNIQUE INDEX discussion_open_origin ON discussion (kim_id, origin) WHERE status = 'open';
CREATE UNIQUE INDEX discussion_topic ON discussion (kim_id, thread_id) WHERE thread_id IS NOT NULL;
CREATE INDEX discussion_status ON discussion (status, last_activity_at);

-- Who took part, to count each person once (erased with the person; the count stays).
CREATE TABLE discussion_participant (
    discussion_id INTEGER NOT NULL REFERENCES discussion (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL,
    PRIMARY KEY (discussion_id, user_id)
);
CREATE INDEX discussion_participant_user ON discussion_participant (user_id);

-- The thread's messages, by id only: a reply to one belongs to the thread, and a message
-- handled twice (after a restart) is counted once.
CREATE TABLE discussion_message (
    discussion_id INTEGER NOT NULL REFERENCES discussion (id) ON DELETE CASCADE,
    message_id    INTEGER NOT NULL,
    PRIMARY KEY (discussion_id, message_id)
);
CREATE INDEX discussion_message_id ON discussion_message (message_id);

-- The forum topic where a KIM's forum supergroup receives news and broadcasts (/topik).
-- No row: the General topic.
CREATE TABLE kim_news_thread (
    kim_id    INTEGER PRIMARY KEY REFERENCES kim (id) ON DELETE CASCADE,
    thread_id INTEGER NOT NULL,
    name      TEXT,                          -- the topic's name when the bot knows it
    set_by    INTEGER,
    set_at    TEXT NOT NULL
);
