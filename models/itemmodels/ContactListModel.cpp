// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContactListModel.h"

#include "domain/rules/FieldPolicy.h"

namespace branchline {

ContactListModel::ContactListModel(const QSqlDatabase &db, Role viewer, QObject *parent)
    : PagedRows<Contact>(parent)
    , m_repository(db)
    , m_viewer(viewer)
{
}

void ContactListModel::setCustomer(const QString &customerId)
{
    m_customerId = customerId;
    reload();
}

int ContactListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QList<Contact> ContactListModel::loadPage(const Contact *last, int limit, StoreError *error) const
{
    if (m_customerId.isEmpty())
        return {};
    return m_repository.forCustomer(m_customerId,
                                    last ? ContactRepository::cursorAfter(*last) : PageCursor(),
                                    limit, error);
}

QVariant ContactListModel::data(const QModelIndex &index, int role) const
{
    if (!validRow(index))
        return QVariant();
    const Contact &contact = rowAt(index.row());
    if (role == IdRole)
        return contact.meta.id;
    if (role == Qt::CheckStateRole && index.column() == Primary)
        return contact.isPrimary ? Qt::Checked : Qt::Unchecked;
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (index.column()) {
    case Name:
        return contact.name;
    case Title:
        return contact.title;
    case Phone:
        return FieldPolicy::present(m_viewer, RecordType::Contact, QStringLiteral("phone"),
                                    contact.phone, false);
    case Email:
        return FieldPolicy::present(m_viewer, RecordType::Contact, QStringLiteral("email"),
                                    contact.email, false);
    case Primary:
        return contact.isPrimary ? tr("Primary") : QString();
    }
    return QVariant();
}

QVariant ContactListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Title:
        return tr("Title");
    case Phone:
        return tr("Phone");
    case Email:
        return tr("Email");
    case Primary:
        return tr("Primary");
    }
    return QVariant();
}

} // namespace branchline
