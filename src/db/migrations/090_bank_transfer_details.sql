-- How an org is paid by bank transfer: its accounts per currency (IBAN and BIC, US routing and account, CLABE, PIX key,
-- CBU/CVU, or a generic account and bank), the beneficiary, and what the debtor quotes as the reference. With field
-- encryption on, each account's numbers are stored sealed inside `accounts` (bound to the org and the account's id).
CREATE TABLE bank_transfer_settings (
  org_id text PRIMARY KEY REFERENCES orgs(id),
  accounts jsonb NOT NULL DEFAULT '[]',
  reference text NOT NULL DEFAULT 'invoice_numbers' CHECK (reference IN ('invoice_numbers', 'customer_reference')),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

-- row-level security as 034 sets it for every table with org_id
ALTER TABLE bank_transfer_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_rows ON bank_transfer_settings USING (org_id = current_setting('cobro.org_id', true)) WITH CHECK (org_id = current_setting('cobro.org_id', true));
