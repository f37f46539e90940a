-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 12: the audit trail becomes an HMAC-SHA256 chain
-- keyed by the audit key in the key folder (KeyRing), which is never in the database.
--
-- audit_log.key_number: the audit key an entry's MAC was made with. NULL marks an entry
-- written before this migration: its `hash` stays the old SHA-256 link and is checked as
-- such; the first keyed entry ("audit.keyed") seals them, its MAC covering the last one.
-- From then on `hash` is the entry's HMAC-SHA256 (hex) and `prev_hash` the one before it.
-- Adding a column with no default rewrites no row, so the append-only trigger is not fired.
ALTER TABLE audit_log ADD COLUMN key_number INTEGER;

-- audit_head records the newest entry (seq, hash = its MAC, at = its time), checked against
-- the trail by verify-audit. key_number is the audit key the next entry must be made with at
-- least: raised by `audit rotate-key`, so that every instance reloads its key folder.
ALTER TABLE audit_head ADD COLUMN at TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_head ADD COLUMN key_number INTEGER;
UPDATE audit_head
SET at = COALESCE((SELECT at FROM audit_log WHERE audit_log.seq = audit_head.seq), '');

-- A missing head row is reported as tampering; this only stops it going by accident.
-- @sqlite
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'audit_head cannot be deleted');
END;
-- @postgres
CREATE FUNCTION audit_head_is_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_head cannot be deleted';
END;
$$;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_is_kept();
-- @end
