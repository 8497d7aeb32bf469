-- Aspirasi: citizens' aspirations as tracked tickets (ASP-YYMM-NNNN), their photos, their
-- history (every status, question, answer, rating, reopening, with who acted), and the
-- cards that show a ticket with its buttons outside the outbox (opened from /aspirasi_masuk).

CREATE TABLE aspiration (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    month          TEXT NOT NULL,             -- YYMM of the filing in KIM_TIMEZONE
    seq            INTEGER NOT NULL,          -- its number within that month
    category       TEXT NOT NULL,
    kecamatan_kode TEXT,
    desa_kode      TEXT,
    latitude       REAL,
    longitude      REAL,
    text           TEXT NOT NULL,
    voice_file_id  TEXT,
    identity       TEXT NOT NULL CHECK (identity IN ('tampil', 'rahasia', 'anonim')),
    reporter_id    INTEGER,                   -- whose private chat hears back; NULL once erased
    reporter_name  TEXT,                      -- only when identity = 'tampil'
    kim_id         INTEGER REFERENCES kim (id) ON DELETE SET NULL,  -- filed through a KIM
    status         TEXT NOT NULL CHECK (status IN ('diterima', 'diverifikasi', 'diteruskan',
                       'ditindaklanjuti', 'selesai', 'ditolak', 'duplikat')),
    opd_id         TEXT,
    duplicate_of   TEXT,
    rating         INTEGER CHECK (rating BETWEEN 1 AND 5),
    reopened       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    due_at         TEXT NOT NULL,             -- verification due (3 working days)
    UNIQUE (month, seq),
    CHECK (identity = 'tampil' OR reporter_name IS NULL)
);
CREATE INDEX aspiration_reporter ON aspiration (reporter_id, created_at);
CREATE INDEX aspiration_open ON aspiration (status, created_at);

CREATE TABLE aspiration_photo (
    aspiration_id INTEGER NOT NULL REFERENCES aspiration (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    file_id       TEXT NOT NULL,
    PRIMARY KEY (aspiration_id, position)
);

CREATE TABLE aspiration_event (
    id            INTEGER PRIMARY KEY,
    aspiration_id INTEGER NOT NULL REFERENCES aspiration (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('status', 'question', 'answer', 'rating',
                      'reopen')),
    status        TEXT,
    note          TEXT,
    by_role       TEXT NOT NULL CHECK (by_role IN ('warga', 'diskominfo', 'opd', 'sistem')),
    by_user       INTEGER,                    -- who acted (never shown); NULL once erased
    opd_id        TEXT,
    at            TEXT NOT NULL
);
CREATE INDEX aspiration_event_of ON aspiration_event (aspiration_id, id);

CREATE TABLE aspiration_card (
    chat_id       INTEGER NOT NULL,
    message_id    INTEGER NOT NULL,
    aspiration_id INTEGER NOT NULL REFERENCES aspiration (id) ON DELETE CASCADE,
    shown_at      TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX aspiration_card_of ON aspiration_card (aspiration_id);
