-- The original address of each tracked link of a message (a JSON array, by link index): a click URL names only
-- the message and the index, and redirects to what is stored here.
ALTER TABLE messages ADD COLUMN links TEXT NOT NULL DEFAULT '[]';
