-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 3: the other systems' way in. API keys per
-- integration (stored as SHA-256 only), daily transaction aggregates per merchant from the
-- transaction system, and leads that web forms and partners deliver.
CREATE TABLE integrations (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL UNIQUE,
    key_hash   TEXT NOT NULL UNIQUE,
    scopes     TEXT NOT NULL,           -- comma-separated: transactions, leads
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- Amounts in fen (分), as integers: money is never a float.
CREATE TABLE transaction_aggregates (
    customer_id      TEXT NOT NULL REFERENCES customers (id),
    day              TEXT NOT NULL,     -- yyyy-MM-dd, the merchant's business day
    volume_fen       ${BIGINT} NOT NULL CHECK (volume_fen >= 0),
    tx_count         INTEGER NOT NULL CHECK (tx_count >= 0),
    refund_fen       ${BIGINT} NOT NULL DEFAULT 0 CHECK (refund_fen >= 0),
    refund_count     INTEGER NOT NULL DEFAULT 0 CHECK (refund_count >= 0),
    chargeback_count INTEGER NOT NULL DEFAULT 0 CHECK (chargeback_count >= 0),
    source           TEXT NOT NULL,     -- the integration that delivered it
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (customer_id, day)
);

CREATE TABLE leads (
    id                    TEXT PRIMARY KEY NOT NULL,
    name                  TEXT NOT NULL,
    company               TEXT NOT NULL DEFAULT '',
    phone                 TEXT,
    email                 TEXT,
    source                TEXT NOT NULL,
    status                TEXT NOT NULL DEFAULT 'new',
    score                 INTEGER NOT NULL DEFAULT 0,
    owner_id              TEXT,
    branch_id             TEXT,
    product_interest      TEXT NOT NULL DEFAULT '',
    city                  TEXT NOT NULL DEFAULT '',
    notes                 TEXT NOT NULL DEFAULT '',
    converted_customer_id TEXT,
    intake                TEXT NOT NULL DEFAULT '', -- the integration it came through
    version               ${BIGINT} NOT NULL DEFAULT 1,
    deleted               INTEGER NOT NULL DEFAULT 0,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
CREATE INDEX leads_by_owner ON leads (owner_id, status);
CREATE INDEX leads_by_branch ON leads (branch_id, status);
