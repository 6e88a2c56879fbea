-- PayPal disputes (CUSTOMER.DISPUTE.*) hold a capture's money while open and take it when lost; PayPal then pays the buyer
-- back through the capture itself (a reversal, or a refund when the claim is accepted). To count that money once, cobro
-- keeps when each refund reported one by one was made: those from the dispute's opening on are the dispute's money.
ALTER TABLE gateway_payments ADD COLUMN refund_times jsonb NOT NULL DEFAULT '{}';
