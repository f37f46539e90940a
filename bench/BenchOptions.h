// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace branchline {

// Command line of bench_store_plain and bench_store_cipher: how many customers, which
// file, and the label the results carry.
struct BenchOptions
{
    qint64 rows = 1000000;
    QString filePath; // empty: a file in a temporary folder that is removed afterwards
    QString side; // the `side=` of every result line
    bool keep = false;
    bool plans = false; // print EXPLAIN QUERY PLAN of the timed queries

    // Fills the options from `arguments` (argv). On a bad argument returns false with a
    // message in `error`.
    static bool parse(const QStringList &arguments, const QString &defaultSide,
                      BenchOptions *options, QString *error);
    static QString usage(const QString &program);
};

} // namespace branchline
