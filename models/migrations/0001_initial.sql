-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline local store, migration 1: the core records.
--
-- Every synced table has the same bookkeeping columns:
--   local_id    INTEGER PRIMARY KEY  this device's row number: FTS docid and list paging;
--                                    it never leaves the device
--   id          TEXT UNIQUE          the record's global id (a UUID), made where the record
--                                    is created, online or offline; the server keeps it
--   version     INTEGER              server change-log seq of the last change this copy has
--                                    seen; 0 while the record exists only on this device
--   deleted     INTEGER              tombstone: deletes are soft, so an offline edit to a
--                                    deleted record can still be matched and journalled
--   created_at, updated_at           ISO 8601 UTC with milliseconds
-- Per-field server versions live in field_versions, one row per (table, record, field):
-- custom fields added later need no new columns there.
--
-- References between records use global ids and carry no FOREIGN KEY constraint on
-- purpose: a pull delivers tables page by page, so a contact may arrive before its
-- customer, and a scope change may remove a customer whose tasks stay.
--
-- Later records (KYC cases, risk alerts, loans and schedules, approval requests,
-- dashboards, custom field values) arrive as new tables in later migrations and point
-- here by global id; nothing in this file needs to change for them.

CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT
) WITHOUT ROWID;

CREATE TABLE field_versions (
    table_name TEXT    NOT NULL,
    record_id  TEXT    NOT NULL,
    field      TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (table_name, record_id, field)
) WITHOUT ROWID;

CREATE TABLE branches (
    local_id   INTEGER PRIMARY KEY,
    id         TEXT    NOT NULL UNIQUE,
    parent_id  TEXT,
    name       TEXT    NOT NULL,
    level      TEXT    NOT NULL DEFAULT 'branch'
               CHECK (level IN ('head_office', 'region', 'branch')),
    city       TEXT    NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 0,
    deleted    INTEGER NOT NULL DEFAULT 0,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE TABLE users (
    local_id     INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL UNIQUE,
    display_name TEXT    NOT NULL,
    branch_id    TEXT,
    role         TEXT    NOT NULL
                 CHECK (role IN ('sales_rep', 'branch_manager', 'risk_officer', 'admin')),
    active       INTEGER NOT NULL DEFAULT 1,
    version      INTEGER NOT NULL DEFAULT 0,
    deleted      INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

CREATE TABLE customers (
    local_id    INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    kind        TEXT    NOT NULL CHECK (kind IN ('merchant', 'individual', 'corporate')),
    legal_name  TEXT    NOT NULL CHECK (length(legal_name) > 0),
    credit_code TEXT,            -- PII: 统一社会信用代码, merchants and corporate borrowers
    id_number   TEXT,            -- PII: 身份证号, individual borrowers
    phone       TEXT,            -- PII
    address     TEXT    NOT NULL DEFAULT '',
    city        TEXT    NOT NULL DEFAULT '',
    industry    TEXT    NOT NULL DEFAULT '',
    mcc         TEXT,            -- merchants: ISO 18245 merchant category code
    branch_id   TEXT,
    owner_id    TEXT,
    status      TEXT    NOT NULL DEFAULT 'prospect'
                CHECK (status IN ('prospect', 'onboarding', 'active', 'suspended',
                                  'terminated')),
    risk_level  TEXT    CHECK (risk_level IN ('low', 'medium', 'high', 'prohibited')),
    kyc_status  TEXT    NOT NULL DEFAULT 'not_started'
                CHECK (kyc_status IN ('not_started', 'in_progress', 'verified', 'expired',
                                      'rejected')),
    tags        TEXT    NOT NULL DEFAULT '',
    notes       TEXT    NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
-- The list's default order, and keyset paging over it, among live rows only.
CREATE INDEX customers_by_name ON customers (legal_name, local_id) WHERE deleted = 0;
CREATE INDEX customers_by_updated ON customers (updated_at, local_id) WHERE deleted = 0;
CREATE INDEX customers_by_owner ON customers (owner_id, legal_name) WHERE deleted = 0;
CREATE INDEX customers_by_branch ON customers (branch_id, legal_name) WHERE deleted = 0;
-- PII is found by exact match only, never through the full-text index.
CREATE INDEX customers_by_credit_code ON customers (credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX customers_by_id_number ON customers (id_number) WHERE id_number IS NOT NULL;
CREATE INDEX customers_by_phone ON customers (phone) WHERE phone IS NOT NULL;

CREATE TABLE contacts (
    local_id    INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    customer_id TEXT    NOT NULL,
    name        TEXT    NOT NULL CHECK (length(name) > 0),
    title       TEXT    NOT NULL DEFAULT '',
    phone       TEXT,            -- PII
    email       TEXT,            -- PII
    is_primary  INTEGER NOT NULL DEFAULT 0,
    notes       TEXT    NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX contacts_by_customer ON contacts (customer_id, name) WHERE deleted = 0;
CREATE INDEX contacts_by_phone ON contacts (phone) WHERE phone IS NOT NULL;

CREATE TABLE leads (
    local_id              INTEGER PRIMARY KEY,
    id                    TEXT    NOT NULL UNIQUE,
    name                  TEXT    NOT NULL CHECK (length(name) > 0),
    company               TEXT    NOT NULL DEFAULT '',
    phone                 TEXT,  -- PII
    email                 TEXT,  -- PII
    source                TEXT    NOT NULL
                          CHECK (source IN ('web_form', 'referral', 'partner', 'event',
                                            'call_centre', 'walk_in')),
    status                TEXT    NOT NULL DEFAULT 'new'
                          CHECK (status IN ('new', 'contacted', 'qualified', 'converted',
                                            'lost')),
    score                 INTEGER NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 100),
    owner_id              TEXT,
    branch_id             TEXT,
    product_interest      TEXT    NOT NULL DEFAULT '',
    city                  TEXT    NOT NULL DEFAULT '',
    notes                 TEXT    NOT NULL DEFAULT '',
    converted_customer_id TEXT,
    version               INTEGER NOT NULL DEFAULT 0,
    deleted               INTEGER NOT NULL DEFAULT 0,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL
);
CREATE INDEX leads_by_status ON leads (status, updated_at) WHERE deleted = 0;
CREATE INDEX leads_by_owner ON leads (owner_id, status) WHERE deleted = 0;
CREATE INDEX leads_by_phone ON leads (phone) WHERE phone IS NOT NULL;

CREATE TABLE tasks (
    local_id       INTEGER PRIMARY KEY,
    id             TEXT    NOT NULL UNIQUE,
    title          TEXT    NOT NULL CHECK (length(title) > 0),
    due_at         TEXT,
    owner_id       TEXT,
    related_table  TEXT    CHECK (related_table IN ('customers', 'contacts', 'leads')),
    related_id     TEXT,
    priority       TEXT    NOT NULL DEFAULT 'normal'
                   CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    status         TEXT    NOT NULL DEFAULT 'open'
                   CHECK (status IN ('open', 'done', 'cancelled')),
    reminder_at    TEXT,
    completed_at   TEXT,
    notes          TEXT    NOT NULL DEFAULT '',
    version        INTEGER NOT NULL DEFAULT 0,
    deleted        INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);
CREATE INDEX tasks_by_owner_due ON tasks (owner_id, status, due_at) WHERE deleted = 0;
CREATE INDEX tasks_by_related ON tasks (related_id) WHERE deleted = 0;
CREATE INDEX tasks_by_reminder ON tasks (reminder_at) WHERE reminder_at IS NOT NULL;

-- Activities are an append-only timeline: they are added, never edited, so they merge
-- as a set during sync and carry no per-field versions.
CREATE TABLE activities (
    local_id            INTEGER PRIMARY KEY,
    id                  TEXT    NOT NULL UNIQUE,
    kind                TEXT    NOT NULL
                        CHECK (kind IN ('call', 'visit', 'note', 'email', 'document')),
    related_table       TEXT    NOT NULL CHECK (related_table IN ('customers', 'contacts', 'leads')),
    related_id          TEXT    NOT NULL,
    author_id           TEXT,
    occurred_at         TEXT    NOT NULL,
    subject             TEXT    NOT NULL DEFAULT '',
    body                TEXT    NOT NULL DEFAULT '',
    attachment_name     TEXT,
    attachment_size     INTEGER,
    attachment_sha256   TEXT,
    version             INTEGER NOT NULL DEFAULT 0,
    deleted             INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL
);
CREATE INDEX activities_by_related ON activities (related_id, occurred_at) WHERE deleted = 0;

-- Full-text search: external-content FTS4 tables over the searchable columns, kept in step
-- by triggers. The "branchline" tokenizer splits Chinese text into single characters (see
-- SearchTokenizer); PII columns are deliberately not indexed.
CREATE VIRTUAL TABLE customers_fts USING fts4(
    content="customers", legal_name, address, notes, tags, tokenize=branchline, prefix="2,3");
CREATE TRIGGER customers_fts_before_update BEFORE UPDATE OF legal_name, address, notes, tags
ON customers BEGIN
    DELETE FROM customers_fts WHERE docid = old.local_id;
END;
CREATE TRIGGER customers_fts_after_update AFTER UPDATE OF legal_name, address, notes, tags
ON customers BEGIN
    INSERT INTO customers_fts (docid, legal_name, address, notes, tags)
    VALUES (new.local_id, new.legal_name, new.address, new.notes, new.tags);
END;
CREATE TRIGGER customers_fts_before_delete BEFORE DELETE ON customers BEGIN
    DELETE FROM customers_fts WHERE docid = old.local_id;
END;
CREATE TRIGGER customers_fts_after_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_fts (docid, legal_name, address, notes, tags)
    VALUES (new.local_id, new.legal_name, new.address, new.notes, new.tags);
END;

CREATE VIRTUAL TABLE leads_fts USING fts4(
    content="leads", name, company, city, notes, tokenize=branchline, prefix="2,3");
CREATE TRIGGER leads_fts_before_update BEFORE UPDATE OF name, company, city, notes
ON leads BEGIN
    DELETE FROM leads_fts WHERE docid = old.local_id;
END;
CREATE TRIGGER leads_fts_after_update AFTER UPDATE OF name, company, city, notes
ON leads BEGIN
    INSERT INTO leads_fts (docid, name, company, city, notes)
    VALUES (new.local_id, new.name, new.company, new.city, new.notes);
END;
CREATE TRIGGER leads_fts_before_delete BEFORE DELETE ON leads BEGIN
    DELETE FROM leads_fts WHERE docid = old.local_id;
END;
CREATE TRIGGER leads_fts_after_insert AFTER INSERT ON leads BEGIN
    INSERT INTO leads_fts (docid, name, company, city, notes)
    VALUES (new.local_id, new.name, new.company, new.city, new.notes);
END;

CREATE VIRTUAL TABLE activities_fts USING fts4(
    content="activities", subject, body, attachment_name, tokenize=branchline, prefix="2,3");
CREATE TRIGGER activities_fts_before_update BEFORE UPDATE OF subject, body, attachment_name
ON activities BEGIN
    DELETE FROM activities_fts WHERE docid = old.local_id;
END;
CREATE TRIGGER activities_fts_after_update AFTER UPDATE OF subject, body, attachment_name
ON activities BEGIN
    INSERT INTO activities_fts (docid, subject, body, attachment_name)
    VALUES (new.local_id, new.subject, new.body, new.attachment_name);
END;
CREATE TRIGGER activities_fts_before_delete BEFORE DELETE ON activities BEGIN
    DELETE FROM activities_fts WHERE docid = old.local_id;
END;
CREATE TRIGGER activities_fts_after_insert AFTER INSERT ON activities BEGIN
    INSERT INTO activities_fts (docid, subject, body, attachment_name)
    VALUES (new.local_id, new.subject, new.body, new.attachment_name);
END;
