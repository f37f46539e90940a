// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientStepTable.h"

#include <QLocale>

#include <cstdio>

namespace branchline {

namespace {

QString count(qint64 customers)
{
    return QLocale::c().toString(customers);
}

} // namespace

ClientStepTable::ClientStepTable(qint64 customers, qint64 searchCustomers, int repetitions)
    : m_customers(customers)
    , m_searchCustomers(searchCustomers)
    , m_repetitions(repetitions)
{
}

void ClientStepTable::add(const StepResult &result, qint64 storeCustomers)
{
    m_results << std::make_pair(result, storeCustomers);
}

bool ClientStepTable::hasErrors() const
{
    for (const auto &[result, customers] : m_results)
        if (!result.error.isEmpty())
            return true;
    return false;
}

void ClientStepTable::print() const
{
    std::printf("Client benchmark: cold start and 360° view over %s customers, search over %s; "
                "median of %d, longest stall of all\n\n",
                qPrintable(count(m_customers)), qPrintable(count(m_searchCustomers)),
                m_repetitions);
    std::printf("| step | customers | baseline ms | client ms | ratio | target | longest stall "
                "ms | target | result |\n|---|--:|--:|--:|--:|--:|--:|--:|---|\n");
    for (const auto &[result, customers] : m_results) {
        if (!result.error.isEmpty()) {
            std::printf("| %s | %s | | | | | | | ERROR |\n", qPrintable(result.step),
                        qPrintable(count(customers)));
            continue;
        }
        const double ratio = result.medianClientMs() / result.medianBaselineMs();
        const double stall = result.worstStallMs();
        QStringList misses;
        if (ratio > ratioTarget)
            misses << QStringLiteral("ratio");
        if (stall > stallTargetMs)
            misses << QStringLiteral("stall");
        std::printf("| %s | %s | %.2f | %.2f | %.2fx | %.1fx | %.1f | %.0f | %s |\n",
                    qPrintable(result.step), qPrintable(count(customers)),
                    result.medianBaselineMs(), result.medianClientMs(), ratio, ratioTarget, stall,
                    stallTargetMs,
                    misses.isEmpty() ? "PASS"
                                     : qPrintable(QStringLiteral("MISS (%1)")
                                                          .arg(misses.join(QStringLiteral(", ")))));
    }
    std::printf("\n");
    for (const auto &[result, customers] : m_results) {
        for (const QString &note : result.notes)
            std::printf("- %s\n", qPrintable(note));
    }
    for (const auto &[result, customers] : m_results) {
        if (!result.plans.isEmpty())
            std::printf("\n%s:\n%s\n", qPrintable(result.step),
                        qPrintable(result.plans.join(QLatin1Char('\n'))));
        if (!result.error.isEmpty())
            std::printf("\nERROR %s: %s\n", qPrintable(result.step), qPrintable(result.error));
    }
    std::fflush(stdout);
}

} // namespace branchline
