-- Channels (docs/flows.md, "Channels and webhooks"): a message's rendered content for its channel's transport as JSON
-- (a webhook's url, body and headers; NULL for an email, whose subject, html and text have their own columns), and
-- when a message whose last attempt failed may be tried again (NULL: at once).
ALTER TABLE messages ADD COLUMN payload JSONB NULL;
ALTER TABLE messages ADD COLUMN next_attempt_at TIMESTAMPTZ NULL;

-- The secret a flow's webhooks are signed with (HMAC-SHA256), generated on first use; one per flow.
CREATE TABLE webhook_secrets (
    flow_id    TEXT    PRIMARY KEY,
    secret     TEXT    NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Every attempt to deliver a webhook: when, how long, the HTTP status or the error, and what followed.
CREATE TABLE webhook_deliveries (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id   TEXT    NOT NULL,
    flow_id      TEXT    NULL,
    contact_id   TEXT    NOT NULL,
    attempt      INTEGER NOT NULL,
    attempted_at TIMESTAMPTZ NOT NULL,
    duration_ms  BIGINT NOT NULL,
    url          TEXT    NOT NULL,
    status_code  INTEGER NULL,
    error        TEXT    NULL,
    outcome      TEXT    NOT NULL
);
CREATE INDEX ix_webhook_deliveries_flow ON webhook_deliveries (flow_id, seq);
CREATE INDEX ix_webhook_deliveries_message ON webhook_deliveries (message_id, seq);
