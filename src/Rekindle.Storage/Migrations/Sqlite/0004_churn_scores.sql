-- Churn and lifetime value per contact, from the repeat-purchase model (BG/NBD or Pareto/NBD) and Gamma-Gamma.
ALTER TABLE contact_scores ADD COLUMN churn_computed_at INTEGER NULL;
ALTER TABLE contact_scores ADD COLUMN p_alive REAL NULL;
ALTER TABLE contact_scores ADD COLUMN churn_risk TEXT NULL;
ALTER TABLE contact_scores ADD COLUMN expected_purchases_90d REAL NULL;
ALTER TABLE contact_scores ADD COLUMN expected_order_value REAL NULL;
ALTER TABLE contact_scores ADD COLUMN clv REAL NULL;
CREATE INDEX ix_contact_scores_churn_risk ON contact_scores (churn_risk);
