// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClientSteps.h"

namespace branchline {

// The client benchmark's report: one Markdown row per step with the medians, the ratio
// client / baseline and the longest stall, judged against the targets; then the
// notes, the plans and any step that failed its checks.
class ClientStepTable
{
public:
    static constexpr double ratioTarget = 1.5;
    static constexpr double stallTargetMs = 50;

    ClientStepTable(qint64 customers, qint64 searchCustomers, int repetitions);

    void add(const StepResult &result, qint64 storeCustomers);
    void print() const;
    bool hasErrors() const;

private:
    qint64 m_customers;
    qint64 m_searchCustomers;
    int m_repetitions;
    QList<std::pair<StepResult, qint64>> m_results;
};

} // namespace branchline
