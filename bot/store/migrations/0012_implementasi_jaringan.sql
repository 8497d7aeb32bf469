-- Numbered 0012: main holds 0010_aspirasi and 0011_diskusi; none of their tables is used here.
-- Implementasi and Jaringan (issue 12): what KIMs did with information, verified by the desk,
-- shared across the network; the network's directory settings, contact requests, the agenda.

-- One implementation report of a KIM. A report asked to be fixed is edited in place and sent
-- again (revision + 1); the decision columns then describe the latest decision.
CREATE TABLE impl_report (
    id                INTEGER PRIMARY KEY,
    kim_id            INTEGER NOT NULL REFERENCES kim (id) ON DELETE CASCADE,
    reporter_id       INTEGER NOT NULL,          -- 0 once the reporter erased their data
    judul             TEXT NOT NULL,
    source_kind       TEXT CHECK (source_kind IN ('berita', 'siaran', 'diskusi')),  -- NULL: none
    source_id         INTEGER,
    source_label      TEXT,                      -- the source's title as it was chosen
    kegiatan          TEXT NOT NULL,             -- what was done
    dilakukan_pada    TEXT NOT NULL,             -- ISO date
    bidang            TEXT NOT NULL,             -- pertanian, perikanan, kesehatan, ...
    manfaat_jumlah    REAL NOT NULL CHECK (manfaat_jumlah > 0),
    manfaat_satuan    TEXT NOT NULL CHECK (manfaat_satuan IN ('orang', 'kk', 'hektare')),
    hasil             TEXT NOT NULL,
    komoditas         TEXT,                      -- farming, fishing, plantation only
    hasil_sebelum     REAL,
    hasil_sesudah     REAL,
    hasil_satuan      TEXT,
    latitude          REAL,
    longitude         REAL,
    status            TEXT NOT NULL
                      CHECK (status IN ('menunggu', 'terverifikasi', 'perbaikan', 'tindak_lanjut')),
    revision          INTEGER NOT NULL DEFAULT 0,
    decided_by        INTEGER,
    decided_at        TEXT,
    fix_reason        TEXT,                      -- "Minta perbaikan": what to fix
    follow_up_weeks   INTEGER,                   -- "Tindak lanjut dalam N minggu"
    follow_up_at      TEXT,                      -- UTC: when the KIM is reminded
    follow_up_sent_at TEXT,                      -- set once the reminder is queued (or skipped)
    group_chat_id     INTEGER,                   -- the KIM group's short card of the report
    group_message_id  INTEGER,
    created_at        TEXT NOT NULL,
    submitted_at      TEXT NOT NULL
);
CREATE INDEX impl_report_kim ON impl_report (kim_id, submitted_at);
CREATE INDEX impl_report_follow_up ON impl_report (follow_up_at)
    WHERE follow_up_at IS NOT NULL AND follow_up_sent_at IS NULL;

-- Up to five photos as evidence, kept as Telegram file ids.
CREATE TABLE impl_photo (
    report_id INTEGER NOT NULL REFERENCES impl_report (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position BETWEEN 1 AND 5),
    file_id   TEXT NOT NULL,
    PRIMARY KEY (report_id, position)
);

-- Every card that shows a report waiting for the desk ('laporan') or a share request waiting
-- for the desk ('bagikan') with buttons: once decided, each shows the decision.
CREATE TABLE impl_card (
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    report_id  INTEGER NOT NULL REFERENCES impl_report (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('laporan', 'bagikan')),
    shown_at   TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX impl_card_report ON impl_card (report_id, kind);

-- A verified report offered to the network; the desk approves or declines it.
CREATE TABLE impl_share (
    report_id    INTEGER PRIMARY KEY REFERENCES impl_report (id) ON DELETE CASCADE,
    scope        TEXT NOT NULL CHECK (scope IN ('semua', 'kecamatan')),
    kecamatan    TEXT NOT NULL DEFAULT '[]',     -- JSON list of kecamatan codes (scope kecamatan)
    status       TEXT NOT NULL CHECK (status IN ('menunggu', 'disetujui', 'ditolak')),
    requested_by INTEGER NOT NULL,
    requested_at TEXT NOT NULL,
    decided_by   INTEGER,
    decided_at   TEXT,
    recipients   INTEGER                          -- how many KIMs the approved story went to
);

-- What a KIM shows in /jaringan and whether it receives stories of other KIMs. No row: the
-- defaults (members and last activity shown, no username, no stories).
CREATE TABLE kim_network (
    kim_id           INTEGER PRIMARY KEY REFERENCES kim (id) ON DELETE CASCADE,
    show_members     INTEGER NOT NULL DEFAULT 1 CHECK (show_members IN (0, 1)),
    show_activity    INTEGER NOT NULL DEFAULT 1 CHECK (show_activity IN (0, 1)),
    show_ketua       INTEGER NOT NULL DEFAULT 0 CHECK (show_ketua IN (0, 1)),
    -- The ketua who agreed to show their username; void once someone else is ketua.
    ketua_consent_by INTEGER,
    ketua_consent_at TEXT,
    receive_stories  INTEGER NOT NULL DEFAULT 0 CHECK (receive_stories IN (0, 1)),
    updated_by       INTEGER,
    updated_at       TEXT
);

-- "Hubungi KIM ini": a KIM that received a story asks the sharing KIM for contact. Nothing
-- personal crosses until the sharing KIM's admin accepts.
CREATE TABLE contact_request (
    id              INTEGER PRIMARY KEY,
    report_id       INTEGER NOT NULL REFERENCES impl_report (id) ON DELETE CASCADE,
    from_kim_id     INTEGER NOT NULL REFERENCES kim (id) ON DELETE CASCADE,
    to_kim_id       INTEGER NOT NULL REFERENCES kim (id) ON DELETE CASCADE,
    requested_by    INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('menunggu', 'diterima', 'ditolak')),
    decided_by      INTEGER,
    decided_at      TEXT,
    card_chat_id    INTEGER,                     -- the request in the sharing KIM's group
    card_message_id INTEGER,
    created_at      TEXT NOT NULL,
    UNIQUE (report_id, from_kim_id)
);

-- Events of the network; the KIMs concerned are reminded the day before at 08:00 WIB, once.
CREATE TABLE agenda (
    id           INTEGER PRIMARY KEY,
    judul        TEXT NOT NULL,
    jenis        TEXT NOT NULL CHECK (jenis IN ('pertemuan', 'pelatihan', 'kunjungan', 'lainnya')),
    mulai        TEXT NOT NULL,                  -- UTC
    tempat       TEXT NOT NULL,
    scope        TEXT NOT NULL CHECK (scope IN ('semua', 'kecamatan', 'kim')),
    scope_value  TEXT,                           -- the kecamatan code, or the KIM id
    owner_kim_id INTEGER REFERENCES kim (id) ON DELETE CASCADE,  -- NULL: Diskominfo's
    created_by   INTEGER NOT NULL,
    remind_at    TEXT NOT NULL,                  -- UTC: 08:00 WIB the day before
    reminded_at  TEXT,                           -- set once the reminder is queued (or skipped)
    created_at   TEXT NOT NULL
);
CREATE INDEX agenda_mulai ON agenda (mulai);
CREATE INDEX agenda_remind ON agenda (remind_at) WHERE reminded_at IS NULL;
