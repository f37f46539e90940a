// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "approvals/ApprovalRecords.h"
#include "domain/rules/Role.h"

#include <QList>

namespace branchline {

// The change a request proposes, field by field, as people read it: the field's label, the
// value when it was asked and the value asked for. Fee rates are millionths shown as a
// percentage, amounts fen shown in yuan, codes as their labels, in the interface's language.
struct ApprovalDiffRow
{
    QString field;
    QString label;
    QString before;
    QString after;
};

class ApprovalDiff
{
public:
    static QList<ApprovalDiffRow> rows(const ApprovalRequest &request, Role viewer);
    // One value of a customer field as the diff shows it.
    static QString value(Role viewer, const QString &field, const QJsonValue &value);
};

} // namespace branchline
