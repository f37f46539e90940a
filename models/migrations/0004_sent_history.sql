-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline local store, migration 4: what the server acknowledged, kept for a while.
--
-- A server restored from a backup has forgotten the mutations it acknowledged after that
-- backup was taken. Its answer then is a mutation gap behind what this store already saw
-- acknowledged; the store re-registers under a new client id and moves these rows back
-- into the outbox, so the edits are pushed again instead of being lost (docs/sync.md,
-- "Restored server"). SyncStore prunes rows acknowledged more than 30 days ago.
CREATE TABLE outbox_sent (
    mutation     INTEGER PRIMARY KEY,
    table_name   TEXT    NOT NULL,
    record_id    TEXT    NOT NULL,
    op           TEXT    NOT NULL,
    fields       TEXT    NOT NULL,
    base         TEXT    NOT NULL,
    base_version INTEGER NOT NULL,
    created_at   TEXT    NOT NULL,
    acked_at     TEXT    NOT NULL
);
CREATE INDEX outbox_sent_by_ack ON outbox_sent (acked_at);
