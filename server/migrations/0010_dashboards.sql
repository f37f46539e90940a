-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline server, migration 10: saved dashboards, synced and shared read-only
-- with roles and branches (docs/dashboards.md, "Saving and sharing").

-- One row per dashboard. Only its owner writes it. `definition` is the layout as compact
-- JSON (widgets and their queries, the date range and branch filter: DashboardDefinition
-- without the keys held in columns); the server also checks its size (DashboardRules) before
-- it gets here, the CHECK is the last guard. `shared_roles` / `shared_branches` are JSON
-- arrays of role codes and branch ids, sorted, as clients store them.
CREATE TABLE dashboards (
    id              TEXT PRIMARY KEY NOT NULL,
    owner_id        TEXT    NOT NULL REFERENCES users (id),
    branch_id       TEXT REFERENCES branches (id),   -- the owner's branch when created
    name            TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    definition      TEXT    NOT NULL CHECK (length(definition) <= 262144),
    shared_roles    TEXT    NOT NULL DEFAULT '[]',
    shared_branches TEXT    NOT NULL DEFAULT '[]',
    version         ${BIGINT} NOT NULL DEFAULT 0,
    deleted         INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX dashboards_by_owner ON dashboards (owner_id);

-- The share lists again, one row per target, so that "shared with my role or branch" is an
-- indexed lookup on both engines (no JSON functions). Written with the dashboard in one
-- transaction (DashboardStore); kept for a deleted dashboard, so its tombstone reaches the
-- people it was shared with.
CREATE TABLE dashboard_shares (
    dashboard_id TEXT NOT NULL REFERENCES dashboards (id),
    kind         TEXT NOT NULL CHECK (kind IN ('role', 'branch')),
    target       TEXT NOT NULL,
    PRIMARY KEY (dashboard_id, kind, target)
);
CREATE INDEX dashboard_shares_by_target ON dashboard_shares (kind, target);
