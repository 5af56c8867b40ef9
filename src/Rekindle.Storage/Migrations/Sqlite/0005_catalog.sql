-- The shop's product catalogue, one row per product_id (the id its events and orders use), replaced field by
-- field whenever the shop sends the product again. Recommendations read it to leave out what is out of stock and
-- to pick a pricier product of the same category; emails read it to show a product. updated_at is when the shop
-- last sent the product, so a full sync can tell which products it no longer lists.
-- SQLite compares TEXT bytewise, so listing by product_id pages in the same order as PostgreSQL's "C" collation.
CREATE TABLE products (
    product_id  TEXT    PRIMARY KEY,
    name        TEXT    NULL,
    category    TEXT    NULL,
    price       REAL    NULL,
    currency    TEXT    NULL,
    in_stock    INTEGER NOT NULL,
    url         TEXT    NULL,
    image_url   TEXT    NULL,
    updated_at  INTEGER NOT NULL
);
-- Listing a category page by page (and "the pricier ones of this category") walks this index.
CREATE INDEX ix_products_category ON products (category, product_id);
