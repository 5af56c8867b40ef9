-- The shop's product catalogue, one row per product_id (the id its events and orders use), replaced field by
-- field whenever the shop sends the product again. Recommendations read it to leave out what is out of stock and
-- to pick a pricier product of the same category; emails read it to show a product. updated_at is when the shop
-- last sent the product, so a full sync can tell which products it no longer lists.
-- product_id is COLLATE "C": listing pages by product_id, and the database's own locale would order ids
-- differently from SQLite (and from one server to another); "C" is plain byte order on both.
CREATE TABLE products (
    product_id  TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT    NULL,
    category    TEXT    NULL,
    price       NUMERIC(18,4) NULL,
    currency    TEXT    NULL,
    in_stock    BOOLEAN NOT NULL,
    url         TEXT    NULL,
    image_url   TEXT    NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
-- Listing a category page by page (and "the pricier ones of this category") walks this index.
CREATE INDEX ix_products_category ON products (category, product_id);
