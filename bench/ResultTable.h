// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

namespace branchline {

// Combines the result lines of the benchmark programs (see BenchReport) into the tables
// bench_store prints, and judges each step against the targets.
class ResultTable
{
public:
    static constexpr double plainTarget = 1.3; // every step, cipher vs plain SQLite
    static constexpr double capiTarget = 2.0; // full-text first page, driver vs C API

    void addOutput(const QString &output);

    bool hasSide(const QString &side) const { return m_ms.contains(side); }
    QString info(const QString &side, const QString &key) const;

    // The main table, in Markdown so it can go into docs/benchmarks.md as it is.
    QString targetTable(int *misses) const;
    // Where the cost comes from: plain SQLite, SQLCipher's engine without a key, and the
    // key, each through its Qt driver and straight on the C API. Only when an "engine" run
    // took place.
    QString engineTable(const QString &engineSide) const;
    QString settings() const;
    QString memory() const;
    QString plans() const;
    QString legend() const;
    // Steps whose results differ between sides: they did not do the same work.
    QStringList mismatches() const;

private:
    double ms(const QString &side, const QString &step) const;

    QStringList m_steps;
    QStringList m_sides;
    QHash<QString, QString> m_titles;
    QHash<QString, QHash<QString, double>> m_ms;
    QHash<QString, QHash<QString, QString>> m_checks;
    QHash<QString, QMap<QString, QString>> m_info;
    QHash<QString, qint64> m_rssKib;
    QStringList m_plans;
};

} // namespace branchline
