-- What cobro fills a gateway dispute's evidence in with from its records (the customer's name and email, the invoices, the
-- communication history, the arrangements), kept with the evidence when the customer is erased while the dispute is open:
-- the records are erased then, and the evidence kept under GDPR art. 17(3)(e) is read from this copy instead. Sealed bound to
-- the row (provider:dispute_id) in auto_snapshot_sealed when the org has field encryption on, in auto_snapshot otherwise;
-- emptied with the rest of the evidence once the dispute closes (src/compliance/rights/erase-dispute-evidence.ts).
ALTER TABLE gateway_dispute_evidence ADD COLUMN auto_snapshot jsonb;
ALTER TABLE gateway_dispute_evidence ADD COLUMN auto_snapshot_sealed text;
