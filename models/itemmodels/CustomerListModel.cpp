// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerListModel.h"

#include "domain/rules/FieldPolicy.h"

#include <QLocale>

namespace branchline {

CustomerListModel::CustomerListModel(const QSqlDatabase &db, Role viewer, QObject *parent)
    : PagedRows<CustomerSummary>(parent)
    , m_repository(db)
    , m_viewer(viewer)
{
}

void CustomerListModel::setFilter(const CustomerFilter &filter)
{
    m_filter = filter;
    reload();
}

int CustomerListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QList<CustomerSummary> CustomerListModel::loadPage(const CustomerSummary *last, int limit,
                                                   StoreError *error) const
{
    const PageCursor after = last ? CustomerRepository::cursorAfter(*last, m_sort) : PageCursor();
    return m_repository.page(m_filter, m_sort, after, limit, error);
}

QVariant CustomerListModel::data(const QModelIndex &index, int role) const
{
    if (!validRow(index))
        return QVariant();
    const CustomerSummary &row = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return row.legalName;
        case Kind:
            return RecordEnums::label(row.kind);
        case Status:
            return RecordEnums::label(row.status);
        case Risk:
            return row.riskLevel ? RecordEnums::label(*row.riskLevel) : tr("Not rated");
        case Kyc:
            return RecordEnums::label(row.kycStatus);
        case City:
            return row.city;
        case Phone:
            return FieldPolicy::present(m_viewer, RecordType::Customer, QStringLiteral("phone"),
                                        row.phone, false);
        case Owner:
            return row.ownerName;
        case Branch:
            return row.branchName;
        case Updated:
            return QLocale().toString(row.updatedAt.toLocalTime(), QLocale::ShortFormat);
        }
        return QVariant();
    case Qt::ToolTipRole:
        if (row.pending && index.column() == Name)
            return tr("Changed on this computer; waiting for the server to confirm.");
        return QVariant();
    case PendingRole:
        return row.pending;
    case IdRole:
        return row.id;
    case LocalIdRole:
        return row.localId;
    case KindCodeRole:
        return RecordEnums::code(row.kind);
    case StatusCodeRole:
        return RecordEnums::code(row.status);
    case RiskCodeRole:
        return row.riskLevel ? RecordEnums::code(*row.riskLevel) : QString();
    case KycCodeRole:
        return RecordEnums::code(row.kycStatus);
    default:
        return QVariant();
    }
}

QVariant CustomerListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case Status:
        return tr("Status");
    case Risk:
        return tr("Risk level");
    case Kyc:
        return tr("KYC");
    case City:
        return tr("City");
    case Phone:
        return tr("Phone");
    case Owner:
        return tr("Owner");
    case Branch:
        return tr("Branch");
    case Updated:
        return tr("Updated");
    }
    return QVariant();
}

void CustomerListModel::sort(int column, Qt::SortOrder)
{
    CustomerSort sort = m_sort;
    if (column == Name)
        sort = CustomerSort::ByName;
    else if (column == Updated)
        sort = CustomerSort::ByRecentlyUpdated;
    if (sort == m_sort)
        return;
    m_sort = sort;
    reload();
}

QHash<int, QByteArray> CustomerListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "customerId");
    names.insert(LocalIdRole, "localId");
    names.insert(KindCodeRole, "kind");
    names.insert(StatusCodeRole, "status");
    names.insert(RiskCodeRole, "riskLevel");
    names.insert(KycCodeRole, "kycStatus");
    names.insert(PendingRole, "pending");
    return names;
}

} // namespace branchline
