-- Churn risk from the backtested model (issue 8): the probability of a purchase within the horizon, the expected
-- purchases in it, the customer's own rhythm, and which model gave them. p_alive stays as a model output and may
-- now be NULL (a shop whose BTYD fit fails still gets risk levels).
ALTER TABLE contact_scores ADD COLUMN purchase_probability DOUBLE PRECISION NULL;
ALTER TABLE contact_scores ADD COLUMN horizon_days INTEGER NULL;
ALTER TABLE contact_scores ADD COLUMN expected_purchases DOUBLE PRECISION NULL;
ALTER TABLE contact_scores ADD COLUMN next_purchase_at TIMESTAMPTZ NULL;
ALTER TABLE contact_scores ADD COLUMN overdue DOUBLE PRECISION NULL;
ALTER TABLE contact_scores ADD COLUMN churn_model TEXT NULL;
