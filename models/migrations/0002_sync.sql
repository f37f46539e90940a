-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline local store, migration 2: sync bookkeeping (docs/sync.md, ../shared/SYNC.md).
--
-- Every edit made on this device is written with its outbox row in one transaction
-- (rule 3) and stays there, in order, until the server has answered it. AUTOINCREMENT on
-- purpose: the server keeps the last mutation number it applied per client and answers a
-- repeat from its results, so a number must never be handed out twice, not even after the
-- newest rows were deleted.
CREATE TABLE outbox (
    mutation     INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name   TEXT    NOT NULL,
    record_id    TEXT    NOT NULL,
    op           TEXT    NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'resolve')),
    fields       TEXT    NOT NULL DEFAULT '{}',  -- JSON: the columns the edit changed
    base         TEXT    NOT NULL DEFAULT '{}',  -- JSON: {field: version the edit was made on}
    base_version INTEGER NOT NULL DEFAULT 0,     -- the record's version the edit was made on
    created_at   TEXT    NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT
);
CREATE INDEX outbox_by_record ON outbox (table_name, record_id);

-- The conflict journal (rule 10): the server's rows for this user, synced like any record,
-- plus local ones (origin 'local': a pending edit whose record left this user's scope,
-- rule 11). Never purged automatically. Kinds: 'overwritten' (my value lost a same-field
-- race), 'sensitive' (a stale edit to a sensitive field refused), 'edit_delete',
-- 'rejected' (the server refused the edit), 'scope_removed' (local only).
-- server_value and client_value hold the JSON text of the value.
CREATE TABLE sync_conflicts (
    local_id      INTEGER PRIMARY KEY,
    id            TEXT    NOT NULL UNIQUE,
    table_name    TEXT    NOT NULL,
    record_id     TEXT    NOT NULL,
    field         TEXT    NOT NULL DEFAULT '',
    kind          TEXT    NOT NULL,
    base_version  INTEGER NOT NULL DEFAULT 0,
    server_value  TEXT,
    client_value  TEXT,
    client_id     TEXT,
    mutation      INTEGER NOT NULL DEFAULT 0,
    user_id       TEXT,
    other_user_id TEXT,
    branch_id     TEXT,
    code          TEXT    NOT NULL DEFAULT '',
    message       TEXT    NOT NULL DEFAULT '',
    resolution    TEXT    CHECK (resolution IN ('mine', 'theirs', 'merged')),
    resolver_id   TEXT,
    resolved_at   TEXT,
    origin        TEXT    NOT NULL DEFAULT 'server' CHECK (origin IN ('server', 'local')),
    version       INTEGER NOT NULL DEFAULT 0,
    deleted       INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
-- The unresolved count shown in the status bar, and the resolution screen's list.
CREATE INDEX sync_conflicts_unresolved ON sync_conflicts (created_at, local_id)
    WHERE resolution IS NULL AND deleted = 0;
CREATE INDEX sync_conflicts_by_record ON sync_conflicts (table_name, record_id);

-- The ids a re-snapshot delivered, so that what it no longer contains can be purged
-- (rules 13, 15) once it is complete.
CREATE TABLE sync_snapshot_seen (
    table_name TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    PRIMARY KEY (table_name, record_id)
) WITHOUT ROWID;

-- The server's tasks carry the branch that scopes them.
ALTER TABLE tasks ADD COLUMN branch_id TEXT;
CREATE INDEX tasks_by_branch ON tasks (branch_id, status, due_at) WHERE deleted = 0;
