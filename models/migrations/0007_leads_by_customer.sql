-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline local store, migration 7: a customer's leads by index.
--
-- The 360° view lists the leads converted into the customer or carrying its phone number
-- ((converted_customer_id = ? OR phone = ?)). Without an index on converted_customer_id
-- SQLite read every lead for it: 16 ms of the view's 19 ms over 20,000 leads
-- (bench_client, docs/benchmarks.md). With it, both terms are index lookups.
CREATE INDEX leads_by_converted_customer ON leads (converted_customer_id)
    WHERE converted_customer_id IS NOT NULL;
