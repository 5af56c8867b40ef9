-- Rekindle schema v1 (PostgreSQL). Times are TIMESTAMPTZ, JSON is JSONB (queryable by segments),
-- money is NUMERIC.

CREATE TABLE events (
    seq                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id         TEXT    NOT NULL,
    type               TEXT    NOT NULL,
    event              TEXT    NULL,
    name               TEXT    NULL,
    user_id            TEXT    NULL,
    anonymous_id       TEXT    NULL,
    previous_id        TEXT    NULL,
    group_id           TEXT    NULL,
    occurred_at        TIMESTAMPTZ NOT NULL,
    received_at        TIMESTAMPTZ NOT NULL,
    original_timestamp TIMESTAMPTZ NULL,
    sent_at            TIMESTAMPTZ NULL,
    properties         JSONB    NOT NULL,
    traits             JSONB    NOT NULL,
    context            JSONB    NOT NULL,
    -- NULL until the engine has applied the event to a contact: the unprocessed queue.
    contact_id         TEXT    NULL
);
CREATE UNIQUE INDEX ux_events_message_id ON events (message_id);
CREATE INDEX ix_events_contact ON events (contact_id, occurred_at);
CREATE INDEX ix_events_unprocessed ON events (seq) WHERE contact_id IS NULL;

CREATE TABLE contacts (
    id              TEXT    PRIMARY KEY,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    merged_into     TEXT    NULL,
    user_id         TEXT    NULL,
    email           TEXT    NULL,
    phone           TEXT    NULL,
    first_seen_at   TIMESTAMPTZ NULL,
    last_seen_at    TIMESTAMPTZ NULL,
    visits          INTEGER NOT NULL,
    orders          INTEGER NOT NULL,
    revenue         NUMERIC(18,4)   NOT NULL,
    last_order_at   TIMESTAMPTZ NULL,
    cart_updated_at TIMESTAMPTZ NULL,
    profile         JSONB    NOT NULL
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
    enabled    BOOLEAN NOT NULL,
    definition TEXT     NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE flow_instances (
    id                 TEXT    PRIMARY KEY,
    flow_id            TEXT    NOT NULL,
    flow_version       INTEGER NOT NULL,
    contact_id         TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    current_step       TEXT    NOT NULL,
    started_at         TIMESTAMPTZ NOT NULL,
    wake_at            TIMESTAMPTZ NULL,
    trigger_message_id TEXT    NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    exit_reason        TEXT    NULL
);
CREATE INDEX ix_flow_instances_contact ON flow_instances (contact_id);
CREATE INDEX ix_flow_instances_flow ON flow_instances (flow_id, status);

CREATE TABLE timers (
    id          TEXT    PRIMARY KEY,
    contact_id  TEXT    NOT NULL,
    instance_id TEXT    NOT NULL,
    due_at      TIMESTAMPTZ NOT NULL
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
    created_at  TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ NULL,
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
