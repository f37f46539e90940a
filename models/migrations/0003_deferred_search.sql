-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline local store, migration 3: the search index can wait for a snapshot.
--
-- Keeping the FTS4 index in step row by row is most of the cost of applying a pulled
-- snapshot page (measured: about 70 % with a million timeline entries). While a table is
-- listed in search_deferred its FTS triggers stand still; SyncStore lists the searchable
-- tables when a snapshot begins and, once it is complete, rebuilds each index from its
-- content table in one statement and empties the list (docs/sync.md, "Initial sync").
-- A reader from migration 2 still keeps the index in step: only the WHEN clauses are new.
CREATE TABLE search_deferred (
    table_name TEXT PRIMARY KEY
) WITHOUT ROWID;


DROP TRIGGER customers_fts_before_update;
DROP TRIGGER customers_fts_after_update;
DROP TRIGGER customers_fts_before_delete;
DROP TRIGGER customers_fts_after_insert;
CREATE TRIGGER customers_fts_before_update BEFORE UPDATE OF legal_name, address, notes, tags
ON customers WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE table_name = 'customers') BEGIN
    DELETE FROM customers_fts WHERE docid = old.local_id;
END;
CREATE TRIGGER customers_fts_after_update AFTER UPDATE OF legal_name, address, notes, tags
ON customers WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE table_name = 'customers') BEGIN
    INSERT INTO customers_fts (docid, legal_name, address, notes, tags)
    VALUES (new.local_id, new.legal_name, new.address, new.notes, new.tags);
END;
CREATE TRIGGER customers_fts_before_delete BEFORE DELETE ON customers
WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE table_name = 'customers') BEGIN
    DELETE FROM customers_fts WHERE docid = old.local_id;
END;
CREATE TRIGGER customers_fts_after_insert AFTER INSERT ON customers
WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE table_name = 'customers') BEGIN
    INSERT INTO customers_fts (docid, legal_name, address, notes, tags)
    VALUES (new.local_id, new.legal_name, new.address, new.notes, new.tags);
END;

DROP TRIGGER leads_fts_before_update;
DROP TRIGGER leads_fts_after_update;
DROP TRIGGER leads_fts_before_delete;
DROP TRIGGER leads_fts_after_insert;
CREATE TRIGGER leads_fts_before_update BEFORE UPDATE OF name, company, city, notes
ON leads WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE table_name = 'leads') BEGIN
    DELETE FROM leads_fts WHERE docid = old.local_id;
END;
CREATE TRIGGER leads_fts_after_update AFTER UPDATE OF name, company, city, notes
ON leads WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE table_name = 'leads') BEGIN
    INSERT INTO leads_fts (docid, name, company, city, notes)
    VALUES (new.local_id, new.name, new.company, new.city, new.notes);
END;
CREATE TRIGGER leads_fts_before_delete BEFORE DELETE ON leads
WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE table_name = 'leads') BEGIN
    DELETE FROM leads_fts WHERE docid = old.local_id;
END;
CREATE TRIGGER leads_fts_after_insert AFTER INSERT ON leads
WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE table_name = 'leads') BEGIN
    INSERT INTO leads_fts (docid, name, company, city, notes)
    VALUES (new.local_id, new.name, new.company, new.city, new.notes);
END;

DROP TRIGGER activities_fts_before_update;
DROP TRIGGER activities_fts_after_update;
DROP TRIGGER activities_fts_before_delete;
DROP TRIGGER activities_fts_after_insert;
CREATE TRIGGER activities_fts_before_update BEFORE UPDATE OF subject, body, attachment_name
ON activities WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE table_name = 'activities') BEGIN
    DELETE FROM activities_fts WHERE docid = old.local_id;
END;
CREATE TRIGGER activities_fts_after_update AFTER UPDATE OF subject, body, attachment_name
ON activities WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE table_name = 'activities') BEGIN
    INSERT INTO activities_fts (docid, subject, body, attachment_name)
    VALUES (new.local_id, new.subject, new.body, new.attachment_name);
END;
CREATE TRIGGER activities_fts_before_delete BEFORE DELETE ON activities
WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE table_name = 'activities') BEGIN
    DELETE FROM activities_fts WHERE docid = old.local_id;
END;
CREATE TRIGGER activities_fts_after_insert AFTER INSERT ON activities
WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE table_name = 'activities') BEGIN
    INSERT INTO activities_fts (docid, subject, body, attachment_name)
    VALUES (new.local_id, new.subject, new.body, new.attachment_name);
END;
