-- Verification cards (Registrasi): every card of a waiting KIM the bot showed — in the desk,
-- in an admin's private chat, by /verifikasi — so that each one shows the decision once it
-- is made, wherever it was made.

CREATE TABLE kim_card (
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    kim_id     INTEGER NOT NULL REFERENCES kim (id) ON DELETE CASCADE,
    shown_at   TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX kim_card_kim ON kim_card (kim_id);
