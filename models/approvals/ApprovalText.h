// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "approvals/ApprovalRecords.h"

#include <QCoreApplication>
#include <QStringList>

namespace branchline {

// How approvals are put into words in the interface's language. Flow definitions stay on
// the server (only steps sync, with their own names), so the six built-in flows are named
// here; a flow an administrator added shows its code.
class ApprovalText
{
    Q_DECLARE_TR_FUNCTIONS(ApprovalText)

public:
    static QStringList builtInFlows();
    static QString flowName(const QString &flowCode);
    static QString status(const QString &status);
    static QStringList statuses();
    // "Approved", "Rejected", … for a decision code; "Waiting" for an open place.
    static QString decision(const QString &decision);
    // 会签 / 或签, with a short explanation for a tooltip when `long` is set.
    static QString mode(const QString &mode, bool explained = false);
    static QString stepState(const QString &state);
    // The step's name in the interface's language.
    static QString stepName(const ApprovalStep &step);
    // Why the server refused: its own message when it gave one (it names the person), else
    // a sentence for the code.
    static QString refusal(const QString &code, const QString &message);
    // "Decision pending sync", … for one of my decisions made here.
    static QString delivery(const ApprovalDecision &decision);
    // "Due 24 Nov 10:00", "Overdue since …"; empty without a due time.
    static QString due(const ApprovalStep &step, const QDateTime &now);
    static bool isOverdue(const ApprovalStep &step, const QDateTime &now);
    // Short local date and time.
    static QString when(const QDateTime &time);
};

} // namespace branchline
