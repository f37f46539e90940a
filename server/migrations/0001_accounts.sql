-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 1: branches, users, sessions and the audit trail.
-- Timestamps are ISO 8601 UTC text with milliseconds, which sorts as time, on both engines,
-- so the audit hash of a row is the same on both.

CREATE TABLE server_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT
);

CREATE TABLE branches (
    id         TEXT PRIMARY KEY NOT NULL,
    parent_id  TEXT REFERENCES branches (id),
    name       TEXT NOT NULL,
    level      TEXT NOT NULL CHECK (level IN ('head_office', 'region', 'branch')),
    city       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id                  TEXT PRIMARY KEY NOT NULL,
    login               TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL,
    role                TEXT NOT NULL
                        CHECK (role IN ('sales_rep', 'branch_manager', 'risk_officer', 'admin')),
    branch_id           TEXT REFERENCES branches (id),
    manager_id          TEXT REFERENCES users (id),
-- @sqlite
    password_hash       TEXT NOT NULL,   -- argon2id, libsodium's encoded form
-- @postgres
    password_hash       TEXT NOT NULL,
-- @end
    password_changed_at TEXT NOT NULL,
    failed_logins       INTEGER NOT NULL DEFAULT 0,
    locked_until        TEXT,
    disabled            INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL
);
CREATE INDEX users_by_branch ON users (branch_id);

-- One row per signed-in device. Tokens are never stored, only their SHA-256.
CREATE TABLE sessions (
    id                 TEXT PRIMARY KEY NOT NULL,
    user_id            TEXT NOT NULL REFERENCES users (id),
    device_id          TEXT NOT NULL,
    access_hash        TEXT NOT NULL UNIQUE,
    access_expires_at  TEXT NOT NULL,
    refresh_hash       TEXT NOT NULL UNIQUE,
    refresh_expires_at TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    last_used_at       TEXT NOT NULL,
    revoked_at         TEXT
);
CREATE INDEX sessions_by_user_device ON sessions (user_id, device_id);

-- Append-only and hash-chained: each row's hash covers its fields and the previous hash.
-- audit_head holds the last seq and hash; updating it in the same transaction serialises
-- appends, also between several server instances on one database.
CREATE TABLE audit_log (
    seq       ${BIGINT} PRIMARY KEY NOT NULL,
    at        TEXT NOT NULL,
    actor_id  TEXT,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL DEFAULT '',
    entity_id TEXT NOT NULL DEFAULT '',
    reason    TEXT NOT NULL DEFAULT '',
    detail    TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_by_entity ON audit_log (entity, entity_id);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    seq  ${BIGINT} NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- @sqlite
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- @postgres
-- The audit trail is append-only for everyone, the server's own role included.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
-- @end
