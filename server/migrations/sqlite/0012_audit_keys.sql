-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 12 (SQLite): the audit trail becomes an HMAC-SHA256 chain
-- keyed by the audit key in the key folder (KeyRing), which is never in the database.
-- postgres/0012_audit_keys.sql is the same in PostgreSQL's types; keep them in step.
--
-- audit_log.key_number: the audit key an entry's MAC was made with. NULL marks an entry
-- written before this migration: its `hash` stays the old SHA-256 link and is checked as
-- such; the first keyed entry ("audit.keyed") seals them, its MAC covering the last one.
-- From then on `hash` is the entry's HMAC-SHA256 (hex) and `prev_hash` the one before it.
ALTER TABLE audit_log ADD COLUMN key_number INTEGER;

-- audit_head records the newest entry (seq, hash = its MAC, at = its time), checked against
-- the trail by verify-audit. key_number is the audit key the next entry must be made with at
-- least: raised by `audit rotate-key`, so that every instance reloads its key folder.
ALTER TABLE audit_head ADD COLUMN at TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_head ADD COLUMN key_number INTEGER;
UPDATE audit_head
SET at = COALESCE((SELECT at FROM audit_log WHERE audit_log.seq = audit_head.seq), '');

-- A missing head row is reported as tampering; this only stops it going by accident.
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'audit_head cannot be deleted');
END;
