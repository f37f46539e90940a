// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalDiff.h"

#include "domain/rules/FeeRate.h"
#include "domain/rules/FieldLabels.h"
#include "domain/rules/Money.h"

#include <QSet>

namespace branchline {

namespace {

const QString customers = QStringLiteral("customers");

} // namespace

QString ApprovalDiff::value(Role viewer, const QString &field, const QJsonValue &value)
{
    if (value.isDouble()) {
        const qint64 number = value.toInteger();
        if (field.startsWith(QLatin1String("fee_rate_")))
            return FeeRate::format(number);
        if (field.endsWith(QLatin1String("_fen")))
            return Money::format(number);
    }
    return FieldLabels::value(viewer, customers, field, value);
}

QList<ApprovalDiffRow> ApprovalDiff::rows(const ApprovalRequest &request, Role viewer)
{
    // The proposal's fields in its order, then any the "before" side has alone.
    QStringList fields = request.proposed.keys();
    for (const QString &field : request.before.keys())
        if (!fields.contains(field))
            fields << field;
    QList<ApprovalDiffRow> rows;
    for (const QString &field : std::as_const(fields)) {
        ApprovalDiffRow row;
        row.field = field;
        row.label = FieldLabels::field(customers, field);
        // A request made here has no "before" until the server fills it.
        row.before = request.before.contains(field)
                ? value(viewer, field, request.before.value(field))
                : FieldLabels::tr("(empty)");
        row.after = value(viewer, field, request.proposed.value(field));
        rows << row;
    }
    return rows;
}

} // namespace branchline
