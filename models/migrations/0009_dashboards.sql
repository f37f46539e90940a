-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline local store, migration 9: saved dashboards (docs/dashboards.md, "Saving and
-- sharing"), synced like every record table.
--
-- The user's own dashboards are written here through the outbox (DashboardRepository);
-- dashboards others shared with the user arrive from the server and are read-only (the
-- server refuses and journals an edit of them). `definition` is the layout as compact JSON
-- text (DashboardDefinition without the keys held in columns); `shared_roles` and
-- `shared_branches` are JSON arrays as text, as PageApplier writes arrays. No CHECK on
-- sizes: the server enforces them, and a row a later server allows must not stop sync here.
CREATE TABLE dashboards (
    local_id        INTEGER PRIMARY KEY,
    id              TEXT    NOT NULL UNIQUE,
    owner_id        TEXT    NOT NULL,
    branch_id       TEXT,
    name            TEXT    NOT NULL DEFAULT '',
    definition      TEXT    NOT NULL DEFAULT '{}',
    shared_roles    TEXT    NOT NULL DEFAULT '[]',
    shared_branches TEXT    NOT NULL DEFAULT '[]',
    version         INTEGER NOT NULL DEFAULT 0,
    deleted         INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
-- The dashboard list: mine, then shared with me, by name.
CREATE INDEX dashboards_by_owner ON dashboards (owner_id, name) WHERE deleted = 0;

-- A store synced before this step skipped every dashboard row (it had no table for them).
-- Forgetting the cursor makes the next round take a snapshot, as migrations 6 and 8 did:
-- nothing is purged, pending edits stay on top.
DELETE FROM store_meta WHERE key = 'sync.cursor';
