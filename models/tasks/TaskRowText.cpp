// SPDX-License-Identifier: GPL-3.0-or-later
#include "TaskRowText.h"

#include "DueText.h"

namespace branchline {

QString TaskRowText::related(const TaskRow &row)
{
    const QString &table = row.task.relatedTable;
    if (row.relatedName.isEmpty())
        return QString(); // about nothing, or about a record this computer does not hold
    if (table == QLatin1String("contacts") && !row.relatedContext.isEmpty())
        return tr("%1 (%2)", "a contact (their customer)").arg(row.relatedName, row.relatedContext);
    if (table == QLatin1String("leads"))
        return row.relatedContext.isEmpty() ? tr("Lead: %1").arg(row.relatedName)
                                            : tr("Lead: %1, %2", "lead: name, company")
                                                      .arg(row.relatedName, row.relatedContext);
    return row.relatedName;
}

QString TaskRowText::details(const TaskRow &row, const QDateTime &now)
{
    QStringList lines;
    if (!row.task.notes.isEmpty())
        lines << row.task.notes;
    if (row.task.status == TaskStatus::Done && row.task.completedAt.isValid())
        lines << tr("Completed %1").arg(DueText::of(row.task.completedAt, now));
    if (row.pending)
        lines << tr("Changed on this computer; waiting for the server to confirm.");
    return lines.join(QLatin1Char('\n'));
}

} // namespace branchline
