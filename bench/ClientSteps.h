// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace branchline {

class ClientStoreSeeder;

// One repetition of a step: the client's time, its baseline's time (the same SQL with the
// same values on SQLCipher's C API, measured right next to it) and the longest stall of
// the GUI thread's event loop meanwhile.
struct StepSample
{
    double clientMs = 0;
    double baselineMs = 0;
    double stallMs = 0;
};

struct StepResult
{
    QString step;
    QString store; // "100k", "1M"
    QList<StepSample> samples;
    QStringList notes; // facts worth a line under the table
    QStringList plans; // EXPLAIN QUERY PLAN of the baseline's statements (--plans)
    QString error; // empty when the step ran and checked out

    double medianClientMs() const;
    double medianBaselineMs() const;
    double worstStallMs() const;
};

struct StepOptions
{
    int repetitions = 7;
    bool plans = false;
};

// Cold start to an interactive customer list: LocalStore::open, the Customers page
// (CustomerWorkspace: the list page and the 360° view behind it) built and shown, until
// the list's first page is in the model and the table has painted. Baseline: open with
// the key through the C API and run the list model's first-page SQL.
StepResult runColdStart(const ClientStoreSeeder &store, const StepOptions &options);

// The first result after the keystroke that completes `query`, typed into the list
// page's search field over a shown page; the search delay is left out and reported.
// Baseline: the page's search SQL for the full query.
StepResult runSearch(const ClientStoreSeeder &store, const QString &label, const QString &query,
                     const StepOptions &options);

// Opening the 360° view of the customer with the long timeline from the list until the
// header, profile, timeline, contacts, tasks and leads are filled. Baseline: every
// statement the view ran for it.
StepResult runCustomerView(const ClientStoreSeeder &store, const StepOptions &options);

} // namespace branchline
