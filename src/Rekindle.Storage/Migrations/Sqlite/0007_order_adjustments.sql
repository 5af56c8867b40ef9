-- Refunds and cancellations (Order Refunded, Order Cancelled): an order counts for RFM, churn, lifetime value and
-- recommendations while it is not cancelled and not refunded in full, with its money net of refunds.
ALTER TABLE orders ADD COLUMN refunded REAL NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN cancelled_at INTEGER NULL;
