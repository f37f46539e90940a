-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline local store, migration 6: the merchant detail of the 360° view.
--
-- Fee rates are whole millionths of the amount (0.38 % = 3800, FeeRate), the credit limit
-- whole fen; the settlement account is PII and arrives masked as the role sees it. All five
-- change only through approvals on the server: this device never edits them.
ALTER TABLE customers ADD COLUMN fee_rate_debit INTEGER;
ALTER TABLE customers ADD COLUMN fee_rate_credit INTEGER;
ALTER TABLE customers ADD COLUMN fee_rate_qr INTEGER;
ALTER TABLE customers ADD COLUMN credit_limit_fen INTEGER;
ALTER TABLE customers ADD COLUMN settlement_account TEXT;

-- Read-only here: terminals come from the acquiring system.
CREATE TABLE terminals (
    local_id        INTEGER PRIMARY KEY,
    id              TEXT    NOT NULL UNIQUE,
    customer_id     TEXT    NOT NULL,
    serial          TEXT    NOT NULL,
    model           TEXT    NOT NULL DEFAULT '',
    kind            TEXT    NOT NULL CHECK (kind IN ('pos', 'smart_pos', 'qr_stand', 'soft_pos')),
    status          TEXT    NOT NULL
                    CHECK (status IN ('active', 'inactive', 'faulty', 'retrieved')),
    installed_at    TEXT,
    last_active_day TEXT,
    version         INTEGER NOT NULL DEFAULT 0,
    deleted         INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX terminals_by_customer ON terminals (customer_id, serial) WHERE deleted = 0;

-- Read-only here: the server sums each month from the transaction system's days.
CREATE TABLE merchant_volumes (
    local_id         INTEGER PRIMARY KEY,
    id               TEXT    NOT NULL UNIQUE,
    customer_id      TEXT    NOT NULL,
    month            TEXT    NOT NULL,
    volume_fen       INTEGER NOT NULL DEFAULT 0,
    tx_count         INTEGER NOT NULL DEFAULT 0,
    refund_fen       INTEGER NOT NULL DEFAULT 0,
    chargeback_count INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 0,
    deleted          INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX merchant_volumes_by_customer ON merchant_volumes (customer_id, month)
    WHERE deleted = 0;

-- The KYC checklist: a missing item has no row until someone moves it; its id follows
-- from customer and item (KycRules::itemId). Edits go through the outbox like any other.
CREATE TABLE kyc_items (
    local_id    INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    customer_id TEXT    NOT NULL,
    item        TEXT    NOT NULL
                CHECK (item IN ('business_licence', 'legal_rep_id', 'settlement_account_proof',
                                'site_visit', 'beneficial_owner', 'sanctions_screening')),
    state       TEXT    NOT NULL DEFAULT 'missing'
                CHECK (state IN ('missing', 'submitted', 'verified', 'rejected')),
    note        TEXT    NOT NULL DEFAULT '',
    updated_by  TEXT,
    version     INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX kyc_items_by_customer ON kyc_items (customer_id, item) WHERE deleted = 0;

-- A store synced before this step holds its customers without these columns and none of
-- the new tables, and the tail would only bring what changes from now on. Forgetting the
-- cursor makes the next round take a snapshot: rows are updated in place (nothing is
-- purged, edits waiting in the outbox stay on top), and the new columns and tables fill.
DELETE FROM store_meta WHERE key = 'sync.cursor';
