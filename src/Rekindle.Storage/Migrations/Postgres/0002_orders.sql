-- Orders: one row per completed order, whether it came from an Order Completed event or a CSV import
-- (imports become Order Completed events, so both paths write here the same way). order_id is the
-- shop's id; a repeated order is stored once.
CREATE TABLE orders (
    order_id    TEXT    PRIMARY KEY,
    contact_id  TEXT    NOT NULL,
    customer_id TEXT    NOT NULL,
    email       TEXT    NULL,
    ordered_at  TIMESTAMPTZ NOT NULL,
    currency    TEXT    NOT NULL,
    total       NUMERIC(18,4) NOT NULL,
    lines       JSONB   NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_orders_contact ON orders (contact_id, ordered_at);
CREATE INDEX ix_orders_ordered_at ON orders (ordered_at);
