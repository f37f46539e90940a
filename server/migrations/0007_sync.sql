-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 7: sync bookkeeping (docs/sync.md).
-- sync_state.last_seq is taken with UPDATE inside each writing transaction; the write lock
-- (SQLite) or the row lock (PostgreSQL)
-- is held to commit, so change-log seq order is commit order.
CREATE TABLE sync_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    epoch    TEXT    NOT NULL,
-- @sqlite
    last_seq INTEGER NOT NULL DEFAULT 0,
    min_seq  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sync_state (id, epoch, last_seq, min_seq)
VALUES (1, lower(hex(randomblob(16))), 0, 0);
-- @postgres
    last_seq BIGINT NOT NULL DEFAULT 0,
    min_seq  BIGINT NOT NULL DEFAULT 0
);
INSERT INTO sync_state (id, epoch, last_seq, min_seq)
VALUES (1, replace(gen_random_uuid()::text, '-', ''), 0, 0);
-- @end

-- One row per committed change; the scope keys before and after let a pull send a record
-- to everyone who could see it, and a removal to whoever no longer can.
CREATE TABLE change_log (
    seq            ${BIGINT} PRIMARY KEY NOT NULL,
    table_name     TEXT    NOT NULL,
    record_id      TEXT    NOT NULL,
    owner_id       TEXT,
    branch_id      TEXT,
    prev_owner_id  TEXT,
    prev_branch_id TEXT,
    everyone       INTEGER NOT NULL DEFAULT 0,
    changed_at     TEXT    NOT NULL
);
CREATE INDEX change_log_by_record ON change_log (table_name, record_id, seq);

CREATE TABLE field_versions (
    table_name TEXT    NOT NULL,
    record_id  TEXT    NOT NULL,
    field      TEXT    NOT NULL,
    seq        ${BIGINT} NOT NULL,
    author_id  TEXT,
    PRIMARY KEY (table_name, record_id, field)
);

CREATE TABLE sync_clients (
    client_id     TEXT    PRIMARY KEY NOT NULL,
    user_id       TEXT    NOT NULL,
    last_mutation ${BIGINT} NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL
);

CREATE TABLE sync_results (
    client_id TEXT    NOT NULL,
    mutation  ${BIGINT} NOT NULL,
    outcome   TEXT    NOT NULL,
    code      TEXT    NOT NULL DEFAULT '',
    message   TEXT    NOT NULL DEFAULT '',
    seq       ${BIGINT} NOT NULL DEFAULT 0,
    conflicts TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (client_id, mutation)
);

-- The conflict journal. Never purged automatically (rule 10); synced to the user whose
-- value lost or was refused and to the managers of the record's branch.
CREATE TABLE sync_conflicts (
    id            TEXT    PRIMARY KEY NOT NULL,
    table_name    TEXT    NOT NULL,
    record_id     TEXT    NOT NULL,
    field         TEXT    NOT NULL DEFAULT '',
    kind          TEXT    NOT NULL,
    base_version  ${BIGINT} NOT NULL DEFAULT 0,
    server_value  TEXT,
    client_value  TEXT,
    client_id     TEXT,
    mutation      ${BIGINT} NOT NULL DEFAULT 0,
    user_id       TEXT,
    other_user_id TEXT,
    branch_id     TEXT,
    code          TEXT    NOT NULL DEFAULT '',
    message       TEXT    NOT NULL DEFAULT '',
    resolution    TEXT,
    resolver_id   TEXT,
    resolved_at   TEXT,
    version       ${BIGINT} NOT NULL DEFAULT 0,
    deleted       INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX sync_conflicts_by_record ON sync_conflicts (table_name, record_id);
