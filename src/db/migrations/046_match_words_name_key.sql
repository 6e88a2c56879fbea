-- The customer's name key beside each word of its name: looking a word up gives the customers and the names to compare
-- in one index-only scan, without a probe of customer_match_names per customer found (most of a batch's lookups).
ALTER TABLE customer_match_words ADD COLUMN name_key text;
UPDATE customer_match_words w SET name_key = n.name_key FROM customer_match_names n
  WHERE n.org_id = w.org_id AND n.customer_id = w.customer_id;
ALTER TABLE customer_match_words DROP CONSTRAINT customer_match_words_pkey;
ALTER TABLE customer_match_words ADD PRIMARY KEY (org_id, word, customer_id) INCLUDE (name_key);
