// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BenchOptions.h"
#include "BenchReport.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace branchline {

class BenchStore;

// The storage benchmark's steps, run over one side (plain SQLite or our SQLCipher driver)
// with the same SQL, the same data and the same repetitions, so that two runs in two
// processes can be compared line by line.
//
// The queries are the product's own: the point lookup is RecordRepository::find's (as
// CustomerRepository uses it), the search is the first page of CustomerRepository::page's
// full-text branch. Keep them in step with the repository when it changes.
class StoreBenchmark
{
public:
    struct Search
    {
        QString step; // result id, e.g. fts_cjk_phrase
        QString input; // what the user types; SearchQuery turns it into a MATCH expression
    };

    static constexpr int insertBatch = 10000;
    static constexpr int lookupCount = 10000;
    static constexpr int pageSize = 50;
    static constexpr int openRepetitions = 10;
    static constexpr int readRepetitions = 5;

    static QList<Search> searches();
    static QString searchSql();
    static QString lookupSql();
    static QString groupBySql();

    // Shared with CApiBenchmark, so both measure the same thing and report it alike.
    static QStringList lookupIds(int round, qint64 rows);
    static QString lookupCheck(qint64 found, qint64 localIdSum);
    static QString searchCheck(qint64 matches, qint64 rows, qint64 localIdSum);
    static QString groupsCheck(QStringList lines);
    static QString openSql() { return "SELECT count(*) FROM sqlite_master"; }

    StoreBenchmark(BenchStore *store, BenchOptions options, BenchReport report);

    // Creates the store, runs every step and prints the results. The file stays in place
    // afterwards for further measurements on the same data.
    bool run();

private:
    bool fail(const QString &what, const QString &error) const;
    QSqlDatabase openConnection(QString *name);
    bool seedReferenceData(QSqlDatabase db);
    bool insertCustomers(QSqlDatabase db);
    bool lookups(QSqlDatabase db);
    bool search(QSqlDatabase db, const Search &spec);
    bool groupBy(QSqlDatabase db);
    bool storeOpen();
    void reportEngine(QSqlDatabase db);
    void explain(QSqlDatabase db, const QString &step, const QString &sql,
                 const QVariantList &values);

    BenchStore *m_store;
    BenchOptions m_options;
    BenchReport m_report;
    int m_connections = 0;
};

} // namespace branchline
