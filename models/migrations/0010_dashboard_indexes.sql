-- SPDX-License-Identifier: GPL-3.0-or-later
-- Branchline local store, migration 10: indexes for the dashboards' queries
-- (docs/dashboards.md, "Queries"; measured by bench_dashboards, docs/benchmarks.md).
-- Without them a rep's "my activities" and a manager's "activities by month" decrypt and
-- read every timeline entry in the store (1M in the benchmark's store: seconds), and a
-- period's volumes a table row per month and merchant.
-- `deleted` is the last column of the covering ones: every dashboard query tests it, and
-- SQLite reads the table for any column its index lacks, even one the index's WHERE
-- already settles. Indexes only: an older Branchline reads and writes the store as before.

-- A person's own activities over a period.
CREATE INDEX activities_by_author ON activities (author_id, occurred_at) WHERE deleted = 0;
-- Activities over a period, counted by kind and author from the index alone.
CREATE INDEX activities_by_date ON activities (occurred_at, kind, author_id, deleted)
    WHERE deleted = 0;
-- Monthly volumes of a period, summed from the index alone.
CREATE INDEX merchant_volumes_by_month ON merchant_volumes
    (month, customer_id, volume_fen, tx_count, refund_fen, chargeback_count, deleted)
    WHERE deleted = 0;
