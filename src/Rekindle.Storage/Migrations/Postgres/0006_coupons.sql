-- Coupon campaigns (the JSON definition as the marketer wrote it) and every code: a pool code waits with
-- contact_id NULL until it is handed out; a generated code is inserted when it is issued. issue_key makes
-- issuing idempotent: one code per (campaign, journey), however often a grain retries.
CREATE TABLE coupon_campaigns (
    campaign_id TEXT    PRIMARY KEY,
    definition  JSONB   NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE coupon_codes (
    code          TEXT    PRIMARY KEY,
    campaign_id   TEXT    NOT NULL,
    tier          TEXT    NOT NULL,
    value_kind    TEXT    NULL,
    value_amount  NUMERIC(18,4) NULL,
    currency      TEXT    NULL,
    contact_id    TEXT    NULL,
    issue_key     TEXT    NULL,
    issued_at     TIMESTAMPTZ NULL,
    expires_at    TIMESTAMPTZ NULL,
    redeemed_at   TIMESTAMPTZ NULL,
    order_id      TEXT    NULL,
    uploaded_at   TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_coupon_codes_issue ON coupon_codes (campaign_id, issue_key) WHERE issue_key IS NOT NULL;
CREATE INDEX ix_coupon_codes_pool ON coupon_codes (campaign_id, tier, code) WHERE contact_id IS NULL;
CREATE INDEX ix_coupon_codes_contact ON coupon_codes (contact_id) WHERE contact_id IS NOT NULL;

-- The code an order used, so revenue can be credited to the campaign that issued it.
ALTER TABLE orders ADD COLUMN coupon TEXT NULL;
CREATE INDEX ix_orders_coupon ON orders (coupon) WHERE coupon IS NOT NULL;
