-- Feeds and curated news (Akses): per-source polling state, news items, KIM topic choices,
-- deliveries and dissemination confirmations.

-- What the poller remembers about a source between polls (broadcasts.feeds.FetchState).
CREATE TABLE feed_state (
    source_id            TEXT PRIMARY KEY,          -- the id in feeds.yaml
    etag                 TEXT,
    last_modified        TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    failing_since        TEXT,
    next_due             TEXT,
    last_polled_at       TEXT,
    last_status          INTEGER,                   -- HTTP status of the last poll, NULL: no answer
    last_error           TEXT,                      -- plain-words problem of the last poll
    failure_notified     INTEGER NOT NULL DEFAULT 0 -- 1: the desk was told it has failed a day
);

-- One story. A duplicate from another source is kept (status 'duplicate') so later polls
-- recognise it, but it is never delivered.
CREATE TABLE news_item (
    id           INTEGER PRIMARY KEY,
    source_id    TEXT NOT NULL,                     -- feeds.yaml id, or 'manual'
    guid         TEXT NOT NULL,
    link         TEXT NOT NULL UNIQUE,              -- canonical link
    title        TEXT NOT NULL,
    title_key    TEXT NOT NULL,                     -- normalised title for near-duplicates
    summary_html TEXT NOT NULL,                     -- sanitised Telegram HTML
    published_at TEXT,
    image_url    TEXT,
    topics       TEXT NOT NULL DEFAULT '[]',        -- JSON array of topic ids
    status       TEXT NOT NULL
                 CHECK (status IN ('pending_review', 'approved', 'rejected', 'duplicate')),
    duplicate_of INTEGER REFERENCES news_item (id),
    curated_by   INTEGER,                           -- the curator who decided or posted it
    approved_at  TEXT,
    created_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX news_item_source_guid ON news_item (source_id, guid);
CREATE INDEX news_item_status ON news_item (status, created_at);
CREATE INDEX news_item_approved ON news_item (approved_at) WHERE status = 'approved';

-- Topic choices of a KIM. "All on by default": a KIM without a row for a topic receives
-- it; /topik writes a row only when a group admin toggles, so topics added to feeds.yaml
-- later reach every KIM that did not opt out.
CREATE TABLE kim_topic (
    kim_id  INTEGER NOT NULL REFERENCES kim (id) ON DELETE CASCADE,
    topic   TEXT NOT NULL,
    enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    PRIMARY KEY (kim_id, topic)
);

-- An item reaches a KIM once, whichever digest carries it.
CREATE TABLE news_delivery (
    news_id      INTEGER NOT NULL REFERENCES news_item (id) ON DELETE CASCADE,
    kim_id       INTEGER NOT NULL REFERENCES kim (id) ON DELETE CASCADE,
    digest_key   TEXT NOT NULL,                     -- the outbox item that carried it
    delivered_at TEXT NOT NULL,
    PRIMARY KEY (news_id, kim_id)
);
CREATE INDEX news_delivery_kim ON news_delivery (kim_id);

-- "Sudah disebarluaskan": who in a KIM passed an item on to citizens.
CREATE TABLE news_dissemination (
    news_id      INTEGER NOT NULL REFERENCES news_item (id) ON DELETE CASCADE,
    kim_id       INTEGER NOT NULL REFERENCES kim (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL,
    confirmed_at TEXT NOT NULL,
    PRIMARY KEY (news_id, kim_id, user_id)
);
