-- A group that says it is a KIM imported by Diskominfo asks for a link; the desk confirms it.
-- Until then the official record (name, SK, status) is not touched and has no group.

CREATE TABLE kim_link (
    id              INTEGER PRIMARY KEY,
    kim_id          INTEGER NOT NULL REFERENCES kim (id) ON DELETE CASCADE,
    chat_id         INTEGER NOT NULL,       -- the group asking to be this KIM's group
    status          TEXT NOT NULL CHECK (status IN ('menunggu', 'disetujui', 'ditolak')),
    requested_by    INTEGER NOT NULL,
    decided_by      INTEGER,
    decided_at      TEXT,
    reject_reason   TEXT,                   -- NULL on a rejected link: another group got the KIM
    desk_message_id INTEGER,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
-- A group waits for one link at a time; several groups may claim the same KIM (the desk picks).
CREATE UNIQUE INDEX kim_link_waiting_chat ON kim_link (chat_id) WHERE status = 'menunggu';
CREATE INDEX kim_link_kim ON kim_link (kim_id, status);

-- Repair what the earlier link step did to imported KIMs. An import is created verified and
-- only a group's link could change its status, so an imported KIM that is not verified was
-- put back to 'menunggu' by a link (which becomes a link request again) or marked 'ditolak'
-- by the rejection of one (the group is freed). Members who joined through an unconfirmed
-- link leave the official record; they join again once the desk confirms the link.
INSERT INTO kim_link (kim_id, chat_id, status, requested_by, decided_by, decided_at,
                      reject_reason, created_at, updated_at)
SELECT id, chat_id, status, coalesce(registered_by, 0),
       decided_by, decided_at, reject_reason, updated_at, updated_at
FROM kim
WHERE source = 'import' AND status IN ('menunggu', 'ditolak') AND chat_id IS NOT NULL;

DELETE FROM kim_member
WHERE kim_id IN (SELECT id FROM kim WHERE source = 'import' AND status != 'terverifikasi');

UPDATE kim SET status = 'terverifikasi', chat_id = NULL, registered_by = NULL,
               decided_by = NULL, decided_at = NULL, reject_reason = NULL,
               desk_message_id = NULL
WHERE source = 'import' AND status != 'terverifikasi';
