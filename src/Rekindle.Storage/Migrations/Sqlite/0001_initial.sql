-- Rekindle schema v1 (SQLite). Times are INTEGER unix milliseconds (UTC) so that they sort and compare
-- in SQL; JSON is TEXT; money is REAL (segment queries compare it numerically).

CREATE TABLE events (
    seq                INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id         TEXT    NOT NULL,
    type               TEXT    NOT NULL,
    event              TEXT    NULL,
    name               TEXT    NULL,
    user_id            TEXT    NULL,
    anonymous_id       TEXT    NULL,
    previous_id        TEXT    NULL,
    group_id           TEXT    NULL,
    occurred_at        INTEGER NOT NULL,
    received_at        INTEGER NOT NULL,
    original_timestamp INTEGER NULL,
    sent_at            INTEGER NULL,
    properties         TEXT    NOT NULL,
    traits             TEXT    NOT NULL,
    context            TEXT    NOT NULL,
    -- NULL until the engine has applied the event to a contact: the unprocessed queue.
    contact_id         TEXT    NULL
);
CREATE UNIQUE INDEX ux_events_message_id ON events (message_id);
CREATE INDEX ix_events_contact ON events (contact_id, occurred_at);
CREATE INDEX ix_events_unprocessed ON events (seq) WHERE contact_id IS NULL;

CREATE TABLE contacts (
    id              TEXT    PRIMARY KEY,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    merged_into     TEXT    NULL,
    user_id         TEXT    NULL,
    email           TEXT    NULL,
    phone           TEXT    NULL,
    first_seen_at   INTEGER NULL,
    last_seen_at    INTEGER NULL,
    visits          INTEGER NOT NULL,
    orders          INTEGER NOT NULL,
    revenue         REAL    NOT NULL,
    last_order_at   INTEGER NULL,
    cart_updated_at INTEGER NULL,
    profile         TEXT    NOT NULL
);
CREATE INDEX ix_contacts_email ON contacts (email);
CREATE INDEX ix_contacts_user_id ON contacts (user_id);

CREATE TABLE identities (
    kind       TEXT NOT NULL,
    value      TEXT NOT NULL,
    contact_id TEXT NOT NULL,
    PRIMARY KEY (kind, value)
);
CREATE INDEX ix_identities_contact ON identities (contact_id);

CREATE TABLE flows (
    id         TEXT    PRIMARY KEY,
    name       TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    enabled    INTEGER NOT NULL,
    definition TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE flow_instances (
    id                 TEXT    PRIMARY KEY,
    flow_id            TEXT    NOT NULL,
    flow_version       INTEGER NOT NULL,
    contact_id         TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    current_step       TEXT    NOT NULL,
    started_at         INTEGER NOT NULL,
    wake_at            INTEGER NULL,
    trigger_message_id TEXT    NOT NULL,
    updated_at         INTEGER NOT NULL,
    exit_reason        TEXT    NULL
);
CREATE INDEX ix_flow_instances_contact ON flow_instances (contact_id);
CREATE INDEX ix_flow_instances_flow ON flow_instances (flow_id, status);

CREATE TABLE timers (
    id          TEXT    PRIMARY KEY,
    contact_id  TEXT    NOT NULL,
    instance_id TEXT    NOT NULL,
    due_at      INTEGER NOT NULL
);
CREATE INDEX ix_timers_due ON timers (due_at);
CREATE INDEX ix_timers_contact ON timers (contact_id);

CREATE TABLE messages (
    id          TEXT    PRIMARY KEY,
    contact_id  TEXT    NOT NULL,
    flow_id     TEXT    NULL,
    instance_id TEXT    NULL,
    step_id     TEXT    NULL,
    channel     TEXT    NOT NULL,
    recipient   TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    html        TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    transport   TEXT    NULL,
    created_at  INTEGER NOT NULL,
    sent_at     INTEGER NULL,
    attempts    INTEGER NOT NULL,
    last_error  TEXT    NULL
);
CREATE INDEX ix_messages_instance ON messages (instance_id);
CREATE INDEX ix_messages_pending ON messages (created_at) WHERE status = 'pending';
CREATE INDEX ix_messages_contact ON messages (contact_id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
