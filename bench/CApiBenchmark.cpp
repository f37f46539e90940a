// SPDX-License-Identifier: GPL-3.0-or-later
#include "CApiBenchmark.h"

#include "CApiStore.h"
#include "StoreBenchmark.h"
#include "search/SearchQuery.h"

#include <QElapsedTimer>

namespace branchline {

CApiBenchmark::CApiBenchmark(BenchOptions options, QByteArray keyLiteral)
    : m_options(std::move(options))
    , m_keyLiteral(std::move(keyLiteral))
    , m_report(m_options.side + "-capi")
{
}

bool CApiBenchmark::fail(const QString &what, const QString &error) const
{
    m_report.progress("FAILED: " + what + ": " + error);
    return false;
}

bool CApiBenchmark::run()
{
    CApiStore store;
    QString error;
    if (!store.open(m_options.filePath, m_keyLiteral, &error))
        return fail("open", error);
    const int repetitions = StoreBenchmark::readRepetitions;

    {
        const QByteArray sql = StoreBenchmark::lookupSql().toUtf8();
        int round = 0;
        qint64 found = 0;
        qint64 localIdSum = 0;
        const double ms = BenchReport::medianMs(1, repetitions, [&] {
            const QStringList ids = StoreBenchmark::lookupIds(round++, m_options.rows);
            return BenchReport::timeMs(
                    [&] { return store.lookups(sql, ids, &found, &localIdSum, &error); });
        });
        if (ms < 0)
            return fail("lookup", error);
        m_report.result("lookup", ms, repetitions);
        m_report.check("lookup", StoreBenchmark::lookupCheck(found, localIdSum));
    }

    const QByteArray searchSql = StoreBenchmark::searchSql().toUtf8();
    for (const StoreBenchmark::Search &search : StoreBenchmark::searches()) {
        const QByteArray match = SearchQuery::matchExpression(search.input).toUtf8();
        qint64 rows = 0;
        qint64 localIdSum = 0;
        const double ms = BenchReport::medianMs(1, repetitions, [&] {
            rows = 0;
            localIdSum = 0;
            return BenchReport::timeMs([&] {
                return store.firstPage(searchSql, match, StoreBenchmark::pageSize, &rows,
                                       &localIdSum, &error);
            });
        });
        qint64 matches = -1;
        if (ms < 0 || !store.matchCount(match, &matches, &error))
            return fail(search.step, error);
        m_report.result(search.step, ms, repetitions);
        m_report.check(search.step, StoreBenchmark::searchCheck(matches, rows, localIdSum));
    }

    {
        const QByteArray sql = StoreBenchmark::groupBySql().toUtf8();
        QStringList lines;
        const double ms = BenchReport::medianMs(1, repetitions, [&] {
            lines.clear();
            return BenchReport::timeMs([&] { return store.groups(sql, &lines, &error); });
        });
        if (ms < 0)
            return fail("group_by", error);
        m_report.result("group_by", ms, repetitions);
        m_report.check("group_by", StoreBenchmark::groupsCheck(lines));
    }
    store.close();

    const QByteArray openSql = StoreBenchmark::openSql().toUtf8();
    qint64 objects = 0;
    const double ms = BenchReport::medianMs(1, StoreBenchmark::openRepetitions, [&] {
        CApiStore reopened;
        QElapsedTimer timer;
        timer.start();
        const bool ok = reopened.open(m_options.filePath, m_keyLiteral, &error)
                && reopened.firstValue(openSql.constData(), &objects, &error);
        const double elapsed = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        return ok ? elapsed : -1; // closing, when `reopened` goes, is not timed
    });
    if (ms < 0)
        return fail("open", error);
    m_report.result("open", ms, StoreBenchmark::openRepetitions);
    m_report.check("open", QString("schema_objects=%1").arg(objects));
    return true;
}

} // namespace branchline
