-- Scores computed by the batch jobs (RFM now; churn and lifetime value next), one row per contact, kept
-- apart from the profile so that rescoring a million contacts does not rewrite a million profiles.
CREATE TABLE contact_scores (
    contact_id       TEXT    PRIMARY KEY,
    rfm_computed_at  TIMESTAMPTZ NULL,
    rfm_recency_days INTEGER NULL,
    rfm_frequency    INTEGER NULL,
    rfm_monetary     NUMERIC(18,4) NULL,
    rfm_r            INTEGER NULL,
    rfm_f            INTEGER NULL,
    rfm_m            INTEGER NULL,
    rfm_segment      TEXT    NULL
);
CREATE INDEX ix_contact_scores_rfm_segment ON contact_scores (rfm_segment);
