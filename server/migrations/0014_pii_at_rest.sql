-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 14: personal data encrypted at rest.
--
-- Personal data at rest: every PII column (FieldPolicy) is stored sealed by the server
-- (PiiVault: XChaCha20-Poly1305 under the data key of the key folder, "e1.<key>.<base64>"),
-- and each gets a blind index for exact lookups: HMAC-SHA256 under the index key of the
-- normalised value. Lookups compare the index; the sealed column is never searched, so it
-- has no index (it had none before either). The values already stored are sealed by the
-- server right after this step, in batches (PiiUpgrade), as are the conflict journal's.
ALTER TABLE customers ADD COLUMN credit_code_bidx TEXT;
ALTER TABLE customers ADD COLUMN id_number_bidx TEXT;
ALTER TABLE customers ADD COLUMN phone_bidx TEXT;
ALTER TABLE customers ADD COLUMN settlement_account_bidx TEXT;
ALTER TABLE contacts ADD COLUMN phone_bidx TEXT;
ALTER TABLE contacts ADD COLUMN email_bidx TEXT;
ALTER TABLE leads ADD COLUMN phone_bidx TEXT;
ALTER TABLE leads ADD COLUMN email_bidx TEXT;

CREATE INDEX customers_by_credit_code_bidx ON customers (credit_code_bidx);
CREATE INDEX customers_by_id_number_bidx ON customers (id_number_bidx);
CREATE INDEX customers_by_phone_bidx ON customers (phone_bidx);
CREATE INDEX customers_by_settlement_account_bidx ON customers (settlement_account_bidx);
CREATE INDEX contacts_by_phone_bidx ON contacts (phone_bidx);
CREATE INDEX contacts_by_email_bidx ON contacts (email_bidx);
CREATE INDEX leads_by_phone_bidx ON leads (phone_bidx);
CREATE INDEX leads_by_email_bidx ON leads (email_bidx);
