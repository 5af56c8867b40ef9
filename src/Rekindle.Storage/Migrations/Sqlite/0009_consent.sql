-- Consent (docs/consent.md): every requested change of a contact's consent on a channel, applied or not, written in
-- the same transaction as the profile it changed; and why a message was not sent.
CREATE TABLE consent_changes (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id     TEXT    NOT NULL,
    channel        TEXT    NOT NULL,
    occurred_at    INTEGER NOT NULL,
    recorded_at    INTEGER NOT NULL,
    source_kind    TEXT    NOT NULL,
    source         TEXT    NOT NULL,
    message_id     TEXT    NULL,
    previous_state TEXT    NOT NULL,
    new_state      TEXT    NOT NULL,
    outcome        TEXT    NOT NULL
);
CREATE INDEX ix_consent_changes_contact ON consent_changes (contact_id, occurred_at);

-- 'marketing' or 'transactional': the dispatcher checks consent again right before sending.
ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'marketing';
-- Why a message has status 'skipped', e.g. 'consent: email unsubscribed'.
ALTER TABLE messages ADD COLUMN skip_reason TEXT NULL;
