-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline local store, migration 8: approval requests, their steps and decisions
-- (docs/approvals.md), synced like every record table.
--
-- This device inserts requests and decisions (through the outbox, as commands the server
-- re-checks); steps are the server's alone. Status, mode, state and decision carry no CHECK
-- here: the server owns those vocabularies, and a value a later server adds must not stop
-- sync on an older client (PageApplier refuses a page with a row that breaks a constraint).
-- JSON columns hold compact JSON text, as PageApplier writes objects and arrays.
CREATE TABLE approval_requests (
    local_id      INTEGER PRIMARY KEY,
    id            TEXT    NOT NULL UNIQUE,
    flow_code     TEXT    NOT NULL,
    flow_version  INTEGER NOT NULL DEFAULT 0,   -- 0 until the server pins it
    record_table  TEXT    NOT NULL DEFAULT 'customers',
    record_id     TEXT    NOT NULL,
    record_label  TEXT    NOT NULL DEFAULT '',
    requester_id  TEXT    NOT NULL,
    branch_id     TEXT,
    proposed      TEXT    NOT NULL DEFAULT '{}',
    before_values TEXT    NOT NULL DEFAULT '{}',
    reason        TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT 'pending',
    current_step  INTEGER NOT NULL DEFAULT 0,
    round         INTEGER NOT NULL DEFAULT 1,
    decided_at    TEXT,
    version       INTEGER NOT NULL DEFAULT 0,
    deleted       INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
-- The inbox reads by status and creation; the 360° view a customer's requests.
CREATE INDEX approval_requests_by_status ON approval_requests (status, created_at)
    WHERE deleted = 0;
CREATE INDEX approval_requests_by_record ON approval_requests (record_id, created_at)
    WHERE deleted = 0;

-- Read-only here: the server resolves steps and approvers and moves them on.
CREATE TABLE approval_steps (
    local_id         INTEGER PRIMARY KEY,
    id               TEXT    NOT NULL UNIQUE,
    request_id       TEXT    NOT NULL,
    position         INTEGER NOT NULL,
    round            INTEGER NOT NULL DEFAULT 1,
    step_key         TEXT    NOT NULL DEFAULT '',
    name_en          TEXT    NOT NULL DEFAULT '',
    name_zh          TEXT    NOT NULL DEFAULT '',
    mode             TEXT    NOT NULL DEFAULT 'any',
    state            TEXT    NOT NULL DEFAULT 'waiting',
    approvers        TEXT    NOT NULL DEFAULT '[]',
    anchor_branch_id TEXT,
    due_hours        INTEGER NOT NULL DEFAULT 0,
    due_at           TEXT,
    escalation       TEXT    NOT NULL DEFAULT '{}',
    escalations      INTEGER NOT NULL DEFAULT 0,
    decided_at       TEXT,
    version          INTEGER NOT NULL DEFAULT 0,
    deleted          INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX approval_steps_by_request ON approval_steps (request_id, position);

-- Append-only: a decision is inserted here with its outbox row and never edited. A row the
-- server refused stays (version 0) next to its journal entry, so the refusal can be shown.
CREATE TABLE approval_decisions (
    local_id      INTEGER PRIMARY KEY,
    id            TEXT    NOT NULL UNIQUE,
    request_id    TEXT    NOT NULL,
    expected_step INTEGER NOT NULL DEFAULT 0,
    decider_id    TEXT    NOT NULL,
    on_behalf_of  TEXT,
    decision      TEXT    NOT NULL,
    delegate_to   TEXT,
    comment       TEXT    NOT NULL DEFAULT '',
    decided_at    TEXT    NOT NULL,
    version       INTEGER NOT NULL DEFAULT 0,
    deleted       INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX approval_decisions_by_request ON approval_decisions (request_id, decided_at);

-- A store synced before this step skipped every approval row (it had no table for them),
-- and the tail would only bring requests that change from now on. Forgetting the cursor
-- makes the next round take a snapshot, as migration 6 did: nothing is purged, pending
-- edits stay on top.
DELETE FROM store_meta WHERE key = 'sync.cursor';
