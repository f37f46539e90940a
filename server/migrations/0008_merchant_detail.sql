-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 8: the merchant detail of the 360° view.
--
-- Fee rates are whole millionths of the transaction amount (0.38 % = 3800, FeeRate) and
-- the credit limit whole fen: rates and money are never floats. These columns and the
-- settlement account change only through approvals and the server itself (FieldPolicy):
-- no plain edit from sync or the API is accepted.
ALTER TABLE customers ADD COLUMN fee_rate_debit ${BIGINT};
ALTER TABLE customers ADD COLUMN fee_rate_credit ${BIGINT};
ALTER TABLE customers ADD COLUMN fee_rate_qr ${BIGINT};
ALTER TABLE customers ADD COLUMN credit_limit_fen ${BIGINT};
ALTER TABLE customers ADD COLUMN settlement_account TEXT; -- PII

-- Terminals placed with merchants, from the acquiring system; read-only on clients.
-- Scoped through their customer, like contacts.
CREATE TABLE terminals (
    id              TEXT PRIMARY KEY NOT NULL,
    customer_id     TEXT NOT NULL REFERENCES customers (id),
    serial          TEXT NOT NULL,
    model           TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL CHECK (kind IN ('pos', 'smart_pos', 'qr_stand', 'soft_pos')),
    status          TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'faulty', 'retrieved')),
    installed_at    TEXT,               -- yyyy-MM-dd
    last_active_day TEXT,               -- yyyy-MM-dd, the last day with a transaction
    version         ${BIGINT} NOT NULL DEFAULT 1,
    deleted         INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX terminals_by_customer ON terminals (customer_id, serial);

-- A merchant's month, summed from transaction_aggregates in the transaction that posts the
-- days (Integrations). The id follows from customer and month (KycRules::volumeId).
CREATE TABLE merchant_volumes (
    id               TEXT PRIMARY KEY NOT NULL,
    customer_id      TEXT NOT NULL REFERENCES customers (id),
    month            TEXT NOT NULL,     -- yyyy-MM
    volume_fen       ${BIGINT} NOT NULL DEFAULT 0 CHECK (volume_fen >= 0),
    tx_count         ${BIGINT} NOT NULL DEFAULT 0 CHECK (tx_count >= 0),
    refund_fen       ${BIGINT} NOT NULL DEFAULT 0 CHECK (refund_fen >= 0),
    chargeback_count ${BIGINT} NOT NULL DEFAULT 0 CHECK (chargeback_count >= 0),
    version          ${BIGINT} NOT NULL DEFAULT 1,
    deleted          INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (customer_id, month)
);

-- The KYC checklist. An item without a row is missing; the row is made the first time it
-- moves, with an id that follows from customer and item (KycRules::itemId), so two devices
-- that both hand the same document in make one row. Who may move it where: KycRules.
CREATE TABLE kyc_items (
    id          TEXT PRIMARY KEY NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    item        TEXT NOT NULL CHECK (item IN ('business_licence', 'legal_rep_id',
                                              'settlement_account_proof', 'site_visit',
                                              'beneficial_owner', 'sanctions_screening')),
    state       TEXT NOT NULL DEFAULT 'missing'
                CHECK (state IN ('missing', 'submitted', 'verified', 'rejected')),
    note        TEXT NOT NULL DEFAULT '',
    updated_by  TEXT,
    version     ${BIGINT} NOT NULL DEFAULT 1,
    deleted     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (customer_id, item)
);
