-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 6: the activity timeline. Append-only: the service
-- refuses edits and deletes. Scoped through the record it is about.
CREATE TABLE activities (
    id                TEXT PRIMARY KEY NOT NULL,
    kind              TEXT NOT NULL,
    related_table     TEXT NOT NULL,
    related_id        TEXT NOT NULL,
    author_id         TEXT,
    occurred_at       TEXT NOT NULL,
    subject           TEXT NOT NULL DEFAULT '',
    body              TEXT NOT NULL DEFAULT '',
    attachment_name   TEXT,
    attachment_size   ${BIGINT},
    attachment_sha256 TEXT,
    version           ${BIGINT} NOT NULL DEFAULT 1,
    deleted           INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX activities_by_related ON activities (related_id, occurred_at);
