// SPDX-License-Identifier: GPL-3.0-or-later
#include "KycChecklistModel.h"

#include "domain/records/MerchantEnums.h"
#include "repositories/Directory.h"
#include "repositories/KycChecklistRepository.h"
#include "repositories/Outbox.h"
#include "domain/rules/KycRules.h"

#include <QLocale>

#include <algorithm>

namespace branchline {

KycChecklistModel::KycChecklistModel(const QSqlDatabase &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{
}

void KycChecklistModel::setCustomer(const QString &customerId, CustomerKind kind)
{
    m_customerId = customerId;
    m_kind = kind;
    reload();
}

void KycChecklistModel::reload()
{
    beginResetModel();
    m_rows = m_customerId.isEmpty() ? QList<KycItem>()
                                    : KycChecklistRepository(m_db).checklist(m_customerId, m_kind);
    m_pending.clear();
    const Outbox outbox(m_db);
    for (const KycItem &item : std::as_const(m_rows))
        m_pending << (!item.meta.id.isEmpty()
                      && outbox.hasPending(QStringLiteral("kyc_items"), item.meta.id));
    endResetModel();
}

int KycChecklistModel::verifiedCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const KycItem &item) {
        return item.state == KycItemState::Verified;
    }));
}

int KycChecklistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int KycChecklistModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KycChecklistModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const KycItem &item = m_rows.at(index.row());
    switch (role) {
    case ItemKindRole:
        return int(item.item);
    case StateRole:
        return int(item.state);
    case PendingRole:
        return m_pending.at(index.row());
    case Qt::ToolTipRole:
        // The whole note, which a narrow column cuts short; otherwise the pending state.
        if (index.column() == Note && !item.note.isEmpty())
            return item.note;
        return m_pending.at(index.row()) ? tr("Saved on this computer; waiting for the server.")
                                         : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return QVariant();
    }
    switch (index.column()) {
    case Item:
        return KycRules::label(item.item, m_kind);
    case State:
        return MerchantEnums::label(item.state);
    case Note:
        return item.note;
    case ChangedBy:
        return item.updatedBy.isEmpty() ? QString() : Directory(m_db).userName(item.updatedBy);
    case ChangedAt:
        return item.meta.id.isEmpty()
                ? QString()
                : QLocale().toString(item.meta.updatedAt.toLocalTime(), QLocale::ShortFormat);
    }
    return QVariant();
}

QVariant KycChecklistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Item:
        return tr("Item");
    case State:
        return tr("State");
    case Note:
        return tr("Note");
    case ChangedBy:
        return tr("Changed by");
    case ChangedAt:
        return tr("Changed");
    }
    return QVariant();
}

} // namespace branchline
