-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 1 (PostgreSQL): branches, users, sessions and the audit
-- trail. sqlite/0001_accounts.sql is the same schema; keep them in step. Timestamps are
-- ISO 8601 UTC text, as on SQLite, so the audit hash of a row is the same on both engines.

CREATE TABLE server_meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE branches (
    id         TEXT PRIMARY KEY,
    parent_id  TEXT REFERENCES branches (id),
    name       TEXT NOT NULL,
    level      TEXT NOT NULL CHECK (level IN ('head_office', 'region', 'branch')),
    city       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id                  TEXT PRIMARY KEY,
    login               TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL,
    role                TEXT NOT NULL
                        CHECK (role IN ('sales_rep', 'branch_manager', 'risk_officer', 'admin')),
    branch_id           TEXT REFERENCES branches (id),
    manager_id          TEXT REFERENCES users (id),
    password_hash       TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    failed_logins       INTEGER NOT NULL DEFAULT 0,
    locked_until        TEXT,
    disabled            INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL
);
CREATE INDEX users_by_branch ON users (branch_id);

CREATE TABLE sessions (
    id                 TEXT PRIMARY KEY,
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

CREATE TABLE audit_log (
    seq       BIGINT PRIMARY KEY,
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
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The audit trail is append-only for everyone, the server's own role included.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
