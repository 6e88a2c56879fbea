-- Field encryption of the copies of emails, numbers and bank accounts outside customers: keyed blind indexes beside the
-- sealed addresses of messages, consents and suppressions (rows looked up by address), and the sealed account of a
-- learned payer account, whose value then holds the account's blind index.
ALTER TABLE messages ADD COLUMN address_bidx text;
CREATE INDEX messages_address_bidx ON messages (org_id, channel, address_bidx, sent_at) WHERE address_bidx IS NOT NULL;
ALTER TABLE consents ADD COLUMN address_bidx text;
ALTER TABLE suppressions ADD COLUMN address_bidx text;
ALTER TABLE payer_aliases ADD COLUMN value_sealed text;
