-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 13: the counters of failed sign-ins that delay the
-- next attempt (LoginThrottle, docs/server.md "Sign-in"). They are rows, not memory, so
-- every server instance on one database holds an attacker back alike.

-- One row per counter: the failures from one client address (against any account), against
-- one login text (from anywhere), against one login text from one address, and against one
-- login text from one device. key_hash is the SHA-256 of the counter's kind and parts: the
-- key stays short, and what a person typed into the login field (now and then their
-- password) is not kept here. An attempt before blocked_until is answered 429 unhashed. A
-- counter whose last failure is older than the forget window starts again at 1, and such
-- rows are deleted.
CREATE TABLE login_throttle (
    key_hash        TEXT PRIMARY KEY NOT NULL,
    failures        INTEGER NOT NULL CHECK (failures >= 1),
    last_failure_at TEXT NOT NULL,
    blocked_until   TEXT NOT NULL
);
CREATE INDEX login_throttle_by_last_failure ON login_throttle (last_failure_at);
