-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline local store, migration 5: the value an edit replaced.
--
-- The conflict screen shows base, theirs and mine side by side. The server's journal
-- carries theirs and mine; base, the value this device had when the edit was made, only
-- this device knows. An update keeps it here ({field: value before the edit}) and the sent
-- history keeps it with the rest of the mutation. It never travels: the server merges by
-- field versions, not by values.
ALTER TABLE outbox ADD COLUMN prior TEXT NOT NULL DEFAULT '{}';
ALTER TABLE outbox_sent ADD COLUMN prior TEXT NOT NULL DEFAULT '{}';
