-- Churn and lifetime value per contact, from the repeat-purchase model (BG/NBD or Pareto/NBD) and Gamma-Gamma.
ALTER TABLE contact_scores ADD COLUMN churn_computed_at TIMESTAMPTZ NULL;
ALTER TABLE contact_scores ADD COLUMN p_alive DOUBLE PRECISION NULL;
ALTER TABLE contact_scores ADD COLUMN churn_risk TEXT NULL;
ALTER TABLE contact_scores ADD COLUMN expected_purchases_90d DOUBLE PRECISION NULL;
ALTER TABLE contact_scores ADD COLUMN expected_order_value DOUBLE PRECISION NULL;
ALTER TABLE contact_scores ADD COLUMN clv DOUBLE PRECISION NULL;
CREATE INDEX ix_contact_scores_churn_risk ON contact_scores (churn_risk);
