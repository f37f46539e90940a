-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 2: customers, the server's copy of the truth.
-- The columns are the client's (models/migrations/0001_initial.sql) without local_id;
-- owner_id and branch_id are the scope keys every query is filtered by.
CREATE TABLE customers (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('merchant', 'individual', 'corporate')),
    legal_name  TEXT NOT NULL,
    credit_code TEXT,
    id_number   TEXT,
    phone       TEXT,
    address     TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    industry    TEXT NOT NULL DEFAULT '',
    mcc         TEXT,
    branch_id   TEXT,
    owner_id    TEXT,
    status      TEXT NOT NULL DEFAULT 'prospect',
    risk_level  TEXT,
    kyc_status  TEXT NOT NULL DEFAULT 'not_started',
    tags        TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    version     ${BIGINT} NOT NULL DEFAULT 1,
    deleted     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX customers_by_owner ON customers (owner_id, legal_name);
CREATE INDEX customers_by_branch ON customers (branch_id, legal_name);
CREATE INDEX customers_by_name ON customers (legal_name, id);
