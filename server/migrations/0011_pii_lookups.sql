-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 11: searches by a full identifier (a phone, an ID
-- number, a credit code) are PII access: each is counted here, for the per-user hourly limit
-- that keeps search from being used to enumerate masked digits (docs/security.md). The audit
-- trail has the same lookups as pii.lookup entries; this table only counts, and rows older
-- than a day are pruned. Never the value searched for.
CREATE TABLE pii_lookups (
    user_id TEXT NOT NULL,
    field   TEXT NOT NULL,
    at      TEXT NOT NULL -- UTC, ISO 8601 with milliseconds: sorts as time
);
CREATE INDEX pii_lookups_by_user ON pii_lookups (user_id, at);
