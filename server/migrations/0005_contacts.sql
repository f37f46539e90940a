-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 5: contacts, the people at a customer. They have no
-- scope keys of their own: whoever may see the customer may see its contacts.
CREATE TABLE contacts (
    id          TEXT PRIMARY KEY NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    name        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    phone       TEXT,
    email       TEXT,
    is_primary  INTEGER NOT NULL DEFAULT 0,
    notes       TEXT NOT NULL DEFAULT '',
    version     ${BIGINT} NOT NULL DEFAULT 1,
    deleted     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX contacts_by_customer ON contacts (customer_id, name);
