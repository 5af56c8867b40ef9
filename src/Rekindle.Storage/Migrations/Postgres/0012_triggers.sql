-- Triggers and re-entry (issue 9, docs/flows.md "Triggers and re-entry").
-- Timed triggers (inactivity, date trait) keep at most one timer per (contact, flow) in the same timers table as the
-- waits, so the one timer loop serves both: kind 'trigger' rows carry the flow they start (instance_id is '' for
-- them), kind 'wake' rows (every existing one) wake a waiting instance.
ALTER TABLE timers ADD COLUMN kind TEXT NOT NULL DEFAULT 'wake';
ALTER TABLE timers ADD COLUMN flow_id TEXT NULL;

-- Re-entry "perKey": the trigger property value an instance was started for (one active instance per order id...).
ALTER TABLE flow_instances ADD COLUMN entry_key TEXT NULL;

-- The one-off arming of a timed trigger for contacts that existed before the flow was saved: bounded batches over
-- contacts by id; after_contact is the last id done (restart-safe: a batch done twice arms nothing twice).
CREATE TABLE trigger_backfills (
    flow_id       TEXT    PRIMARY KEY,
    after_contact TEXT    NULL,
    armed         INTEGER NOT NULL,
    done_at       TIMESTAMPTZ NULL
);
