-- Reconciliation at scale: the lookup tables the matcher reads candidates from instead of loading every open invoice
-- (reference keys of invoice numbers, customers' normalised names and name words), the state that keeps them in step
-- with the ledger, an index for amount lookups, lines held back as the same movement imported in another format, and
-- proposals superseded when matching is run again.

-- every invoice has at least its `n:` key (its number as written, compact, upper case), so the rows say which invoices are indexed
CREATE TABLE invoice_match_keys (
  org_id text NOT NULL,
  key text NOT NULL,
  invoice_id text NOT NULL,
  PRIMARY KEY (org_id, key, invoice_id)
);

-- name_key: the customer's name as normaliseName gives it (lower case, no accents or legal forms, words sorted)
CREATE TABLE customer_match_names (
  org_id text NOT NULL,
  customer_id text NOT NULL,
  name_key text NOT NULL,
  PRIMARY KEY (org_id, customer_id)
);
CREATE INDEX customer_match_names_key ON customer_match_names (org_id, name_key);

-- word: a word of the normalised name, or a pair of them (`barez+maria`) to find names whose every word is common
CREATE TABLE customer_match_words (
  org_id text NOT NULL,
  word text NOT NULL,
  customer_id text NOT NULL,
  PRIMARY KEY (org_id, word, customer_id)
);
CREATE INDEX customer_match_words_customer ON customer_match_words (org_id, customer_id);

-- per org and table: the database time of the last sync (rows changed since are looked at again) and how many rows are indexed
CREATE TABLE match_index_state (
  org_id text NOT NULL,
  source text NOT NULL CHECK (source IN ('invoices', 'customers')),
  synced_at timestamptz NOT NULL,
  indexed bigint NOT NULL,
  PRIMARY KEY (org_id, source)
);

-- open invoices by balance, for credits that name nothing: the amount and a window of due dates
CREATE INDEX invoices_open_balance ON invoices (org_id, currency, balance, due_date) WHERE balance > 0 AND NOT cancelled;

-- a line that is the same movement as one imported before in another file (e.g. camt.053 and MT940 of the same day)
ALTER TABLE statement_lines ADD COLUMN duplicate_of text;
ALTER TABLE statement_lines DROP CONSTRAINT statement_lines_match_state_check;
ALTER TABLE statement_lines ADD CONSTRAINT statement_lines_match_state_check
  CHECK (match_state IN ('unmatched', 'review', 'matched', 'not_receivable', 'reversed', 'reversal', 'duplicate'));
CREATE INDEX statement_lines_movement ON statement_lines (org_id, amount, booking_date);
CREATE INDEX statement_lines_state ON statement_lines (org_id, match_state, id);

ALTER TABLE match_proposals DROP CONSTRAINT match_proposals_status_check;
ALTER TABLE match_proposals ADD CONSTRAINT match_proposals_status_check
  CHECK (status IN ('proposed', 'applied', 'rejected', 'superseded'));
CREATE INDEX payer_aliases_customer ON payer_aliases (org_id, customer_id);
