// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalTimelineModel.h"

#include "approvals/ApprovalText.h"
#include "repositories/Directory.h"

namespace branchline {

ApprovalTimelineModel::ApprovalTimelineModel(const QSqlDatabase &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{
}

QString ApprovalTimelineModel::name(const QString &userId) const
{
    const QString known = Directory(m_db).userName(userId);
    return known.isEmpty() ? tr("User %1").arg(userId.left(8)) : known;
}

void ApprovalTimelineModel::setItem(const ApprovalItem &item)
{
    beginResetModel();
    m_rows = rowsOf(item);
    endResetModel();
}

void ApprovalTimelineModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

QList<ApprovalTimelineModel::Row> ApprovalTimelineModel::rowsOf(const ApprovalItem &item) const
{
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
    QList<Row> rows;
    auto decisionRow = [this](const ApprovalDecision &decision, int position) {
        Row row;
        row.position = position;
        row.approver = name(decision.deciderId);
        row.decision = decision.decision == QLatin1String("delegate")
                        && decision.delivery == ApprovalDecision::Delivery::Recorded
                ? tr("Delegated to %1").arg(name(decision.delegateTo))
                : ApprovalText::delivery(decision);
        row.when = ApprovalText::when(decision.decidedAt);
        row.comment = decision.comment;
        row.queued = decision.delivery == ApprovalDecision::Delivery::Queued;
        row.refused = decision.delivery == ApprovalDecision::Delivery::Refused;
        return row;
    };
    for (const ApprovalStep &step : item.steps) {
        const bool current = item.request.isPending() && step.position == item.request.currentStep;
        const bool overdue = current && ApprovalText::isOverdue(step, now);
        bool first = true;
        for (const ApproverSlot &slot : step.approvers) {
            Row row;
            row.position = step.position;
            if (first) {
                row.step = tr("%1 (%2)").arg(ApprovalText::stepName(step),
                                             ApprovalText::mode(step.mode));
                row.stepTip = ApprovalText::mode(step.mode, true);
            }
            first = false;
            row.approver = slot.holderId == slot.userId
                    ? name(slot.holderId)
                    : tr("%1 (for %2)").arg(name(slot.holderId), name(slot.userId));
            if (!slot.isOpen()) {
                const QString by = slot.decidedBy.isEmpty() || slot.decidedBy == slot.holderId
                        ? QString()
                        : tr(" (by %1)").arg(name(slot.decidedBy));
                row.decision = ApprovalText::decision(slot.decision) + by;
                row.when = ApprovalText::when(slot.decidedAt);
                const QString decider = slot.decidedBy.isEmpty() ? slot.holderId : slot.decidedBy;
                for (const ApprovalDecision &decision : item.decisions)
                    if (decision.expectedStep == step.position && decision.deciderId == decider
                        && decision.decision == slot.decision
                        && decision.delivery == ApprovalDecision::Delivery::Recorded)
                        row.comment = decision.comment;
            } else {
                row.decision = step.isPending() ? ApprovalText::decision(QString())
                                                : ApprovalText::stepState(step.state);
                row.when = ApprovalText::due(step, now);
                row.overdue = overdue;
            }
            row.current = current;
            rows << row;
        }
        // Delegations, and what I sent that the server has not recorded (or refused).
        for (const ApprovalDecision &decision : item.decisions) {
            if (decision.expectedStep != step.position
                || decision.decision == QLatin1String("withdraw"))
                continue;
            if (decision.delivery == ApprovalDecision::Delivery::Recorded
                && decision.decision != QLatin1String("delegate"))
                continue;
            rows << decisionRow(decision, step.position);
        }
    }
    for (const ApprovalDecision &decision : item.decisions)
        if (decision.decision == QLatin1String("withdraw"))
            rows << decisionRow(decision, decision.expectedStep);
    return rows;
}

int ApprovalTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ApprovalTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApprovalTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case PositionRole:
        return row.position;
    case QueuedRole:
        return row.queued;
    case RefusedRole:
        return row.refused;
    case OverdueRole:
        return row.overdue;
    case CurrentRole:
        return row.current;
    case Qt::ToolTipRole:
        if (index.column() == Step)
            return row.stepTip.isEmpty() ? QVariant() : row.stepTip;
        if (index.column() == Decision || index.column() == Comment)
            return index.column() == Decision ? row.decision : row.comment;
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Step:
            return row.step;
        case Approver:
            return row.approver;
        case Decision:
            return row.decision;
        case When:
            return row.when;
        case Comment:
            return row.comment;
        }
        return {};
    default:
        return {};
    }
}

QVariant ApprovalTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Step:
        return tr("Step");
    case Approver:
        return tr("Approver");
    case Decision:
        return tr("Decision");
    case When:
        return tr("When");
    case Comment:
        return tr("Comment");
    }
    return {};
}

} // namespace branchline
