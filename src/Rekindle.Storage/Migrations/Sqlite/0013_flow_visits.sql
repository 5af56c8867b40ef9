-- Journeys (issue 9): every step an instance went through, with when and which way, for GET
-- /api/contacts/{id}/journeys and the per-step flow stats. A resumed row is an instance moving on from the step it
-- waited at (its arrival is an earlier row), so counting rows that are not resumed counts entries. Written in the same transaction as the instance.
CREATE TABLE flow_visits (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id TEXT    NOT NULL,
    flow_id     TEXT    NOT NULL,
    step_id     TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    path        TEXT    NULL,
    resumed     INTEGER NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX ix_flow_visits_instance ON flow_visits (instance_id, seq);
CREATE INDEX ix_flow_visits_flow ON flow_visits (flow_id, step_id);

-- An instance moved on by an event (a wait for an event, a goal) drops the timer it no longer needs.
CREATE INDEX ix_timers_instance ON timers (instance_id);
