// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalListModel.h"

#include "approvals/ApprovalText.h"

namespace branchline {

ApprovalListModel::ApprovalListModel(const QSqlDatabase &db, const QString &userId, QObject *parent)
    : QAbstractTableModel(parent)
    , m_repository(db)
    , m_inbox(userId)
{
}

QDateTime ApprovalListModel::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

void ApprovalListModel::setBox(ApprovalInbox::Box box)
{
    if (box == m_box)
        return;
    m_box = box;
    refilter();
}

void ApprovalListModel::setFlowFilter(const QString &flowCode)
{
    if (flowCode == m_flow)
        return;
    m_flow = flowCode;
    refilter();
}

void ApprovalListModel::setStatusFilter(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    refilter();
}

void ApprovalListModel::setSearch(const QString &text)
{
    const QString search = text.simplified();
    if (search == m_search)
        return;
    m_search = search;
    refilter();
}

bool ApprovalListModel::reload(StoreError *error)
{
    StoreError failure;
    QList<ApprovalItem> items = m_record.isEmpty() ? m_repository.list(maxRequests, &failure)
                                                   : m_repository.forRecord(m_record, &failure);
    if (failure.isError()) {
        if (error)
            *error = failure;
        return false;
    }
    m_all = std::move(items);
    const int waiting = int(std::count_if(m_all.cbegin(), m_all.cend(), [this](const auto &item) {
        return m_inbox.isWaitingForMe(item);
    }));
    refilter();
    if (waiting != m_waiting) {
        m_waiting = waiting;
        emit waitingCountChanged(waiting);
    }
    return true;
}

bool ApprovalListModel::matches(const ApprovalItem &item) const
{
    if (m_record.isEmpty() && !m_inbox.contains(m_box, item))
        return false;
    if (!m_flow.isEmpty() && item.request.flowCode != m_flow)
        return false;
    if (!m_status.isEmpty() && item.request.status != m_status)
        return false;
    if (m_search.isEmpty())
        return true;
    for (const QString &text : { item.label(), item.request.recordLabel, item.requesterName })
        if (text.contains(m_search, Qt::CaseInsensitive))
            return true;
    return false;
}

void ApprovalListModel::refilter()
{
    beginResetModel();
    m_rows.clear();
    for (int i = 0; i < m_all.size(); ++i)
        if (matches(m_all.at(i)))
            m_rows << i;
    // Waiting for me: the most urgent first (the earliest due, then the oldest). The other
    // boxes stay newest first, as read.
    if (m_record.isEmpty() && m_box == ApprovalInbox::Box::WaitingForMe) {
        std::stable_sort(m_rows.begin(), m_rows.end(), [this](int a, int b) {
            const ApprovalStep *stepA = m_all.at(a).currentStep();
            const ApprovalStep *stepB = m_all.at(b).currentStep();
            const QDateTime dueA = stepA ? stepA->dueAt : QDateTime();
            const QDateTime dueB = stepB ? stepB->dueAt : QDateTime();
            if (dueA.isValid() != dueB.isValid())
                return dueA.isValid();
            if (dueA != dueB)
                return dueA < dueB;
            return m_all.at(a).request.meta.createdAt < m_all.at(b).request.meta.createdAt;
        });
    }
    endResetModel();
}

int ApprovalListModel::rowOf(const QString &requestId) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (item(row).request.meta.id == requestId)
            return row;
    return -1;
}

int ApprovalListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ApprovalListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ApprovalListModel::stateText(const ApprovalItem &item) const
{
    if (const std::optional<QString> refused = m_inbox.refusal(item))
        return tr("Refused: %1").arg(*refused);
    if (m_inbox.queuedDecision(item) || item.request.queued)
        return tr("Decision pending sync");
    if (item.request.isPending() && item.request.meta.version == 0)
        return tr("Waiting to be sent");
    if (const ApprovalStep *step = item.currentStep()) {
        const QString due = ApprovalText::due(*step, now());
        const QString name = ApprovalText::stepName(*step);
        return due.isEmpty() ? name : tr("%1 · %2").arg(name, due);
    }
    return ApprovalText::status(item.request.status);
}

QVariant ApprovalListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ApprovalItem &entry = item(index.row());
    const ApprovalStep *step = entry.currentStep();
    switch (role) {
    case IdRole:
        return entry.request.meta.id;
    case WaitingRole:
        return m_inbox.isWaitingForMe(entry);
    case QueuedRole:
        return bool(m_inbox.queuedDecision(entry)) || entry.request.queued;
    case RefusedRole:
        return bool(m_inbox.refusal(entry));
    case OverdueRole:
        return step && ApprovalText::isOverdue(*step, now());
    case AttentionRole:
        if (m_inbox.refusal(entry) || (step && ApprovalText::isOverdue(*step, now())))
            return int(Attention::Problem);
        return int(m_inbox.queuedDecision(entry) || entry.request.queued ? Attention::Queued
                                                                         : Attention::None);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Customer:
            return entry.label();
        case Flow:
            return ApprovalText::flowName(entry.request.flowCode);
        case Requester:
            return entry.requesterName;
        case State:
            return stateText(entry);
        case Asked:
            return ApprovalText::when(entry.request.meta.createdAt);
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == State ? stateText(entry) : QVariant();
    default:
        return {};
    }
}

QVariant ApprovalListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Customer:
        return tr("Customer");
    case Flow:
        return tr("Request");
    case Requester:
        return tr("Requested by");
    case State:
        return tr("Where it stands");
    case Asked:
        return tr("Asked");
    }
    return {};
}

} // namespace branchline
