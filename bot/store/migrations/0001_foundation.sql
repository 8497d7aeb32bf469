-- Foundation: chats, people, KIM groups, members, roles, conversation persistence.

CREATE TABLE chat (
    chat_id     INTEGER PRIMARY KEY,
    type        TEXT NOT NULL CHECK (type IN ('private', 'group', 'supergroup', 'channel')),
    title       TEXT,
    active      INTEGER NOT NULL DEFAULT 1,   -- 0: bot removed, blocked, or chat gone
    migrated_to INTEGER,                      -- set when a group became a supergroup
    updated_at  TEXT NOT NULL
);

-- Only what the bot needs to address a person: no phone numbers, no addresses.
CREATE TABLE person (
    user_id     INTEGER PRIMARY KEY,
    first_name  TEXT NOT NULL,
    username    TEXT,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX person_username ON person (lower(username));

CREATE TABLE kim (
    id            INTEGER PRIMARY KEY,
    nama          TEXT NOT NULL,
    desa_kode     TEXT NOT NULL,
    kecamatan_kode TEXT NOT NULL,
    sk_penerbit   TEXT CHECK (sk_penerbit IN ('kepala_desa', 'camat', 'diskominfo')),
    sk_nomor      TEXT,
    sk_tanggal    TEXT,                       -- ISO date
    sk_file_id    TEXT,                       -- Telegram file id of the SK photo/document
    chat_id       INTEGER UNIQUE,             -- the KIM's Telegram group, NULL for imported KIMs
    status        TEXT NOT NULL CHECK (status IN ('menunggu', 'terverifikasi', 'ditolak')),
    active        INTEGER NOT NULL DEFAULT 1, -- 0: the bot was removed from the group
    source        TEXT NOT NULL DEFAULT 'telegram' CHECK (source IN ('telegram', 'import')),
    import_key    TEXT UNIQUE,
    registered_by INTEGER,
    decided_by    INTEGER,
    decided_at    TEXT,
    reject_reason TEXT,
    desk_message_id INTEGER,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX kim_desa ON kim (desa_kode);
CREATE INDEX kim_status ON kim (status);

CREATE TABLE kim_member (
    kim_id    INTEGER NOT NULL REFERENCES kim (id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL UNIQUE,         -- a person belongs to one KIM at a time
    nama      TEXT NOT NULL,
    jabatan   TEXT CHECK (jabatan IN ('ketua', 'sekretaris', 'bendahara')),
    joined_at TEXT NOT NULL,
    PRIMARY KEY (kim_id, user_id)
);
CREATE UNIQUE INDEX kim_member_jabatan ON kim_member (kim_id, jabatan) WHERE jabatan IS NOT NULL;

CREATE TABLE role (
    user_id    INTEGER NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('admin', 'broadcaster', 'curator')),
    granted_by INTEGER,
    granted_at TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- python-telegram-bot persistence: conversation states and per-chat/per-user scratch.
CREATE TABLE ptb_state (
    kind  TEXT NOT NULL,   -- 'conversation:<name>', 'user_data', 'chat_data'
    key   TEXT NOT NULL,   -- JSON key
    value TEXT NOT NULL,   -- JSON value
    PRIMARY KEY (kind, key)
);
