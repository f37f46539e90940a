-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 4: tasks. branch_id is a scope key the client does
-- not store: the branch of the task's owner when it was made, so a branch manager sees the
-- tasks of their subtree.
CREATE TABLE tasks (
    id            TEXT PRIMARY KEY NOT NULL,
    title         TEXT NOT NULL,
    due_at        TEXT,
    owner_id      TEXT,
    branch_id     TEXT,
    related_table TEXT,
    related_id    TEXT,
    priority      TEXT NOT NULL DEFAULT 'normal',
    status        TEXT NOT NULL DEFAULT 'open',
    reminder_at   TEXT,
    completed_at  TEXT,
    notes         TEXT NOT NULL DEFAULT '',
    version       ${BIGINT} NOT NULL DEFAULT 1,
    deleted       INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX tasks_by_owner ON tasks (owner_id, status, due_at);
CREATE INDEX tasks_by_branch ON tasks (branch_id, status, due_at);
