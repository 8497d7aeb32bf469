-- Who decided, and when, for every decision a button makes, so that a later press on a
-- decided card answers truthfully ("sudah diverifikasi oleh Anda pukul …"). KIMs and link
-- requests already keep decided_by/decided_at; news items and broadcasts get them here.

-- The curator's decision on an item (curated_by already says who); a hand-posted item is
-- decided when it is posted.
ALTER TABLE news_item ADD COLUMN curated_at TEXT;
UPDATE news_item SET curated_at = coalesce(approved_at, created_at) WHERE curated_by IS NOT NULL;

-- The last pause, resume or cancel of a broadcast: by whom and when (NULL: never changed).
ALTER TABLE broadcast ADD COLUMN changed_by INTEGER;
ALTER TABLE broadcast ADD COLUMN changed_at TEXT;
