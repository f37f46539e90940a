// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PagedListModel.h"
#include "repositories/ContactRepository.h"
#include "domain/rules/Role.h"

namespace branchline {

// One customer's contacts by name; phone and email masked for the viewer.
class ContactListModel : public PagedRows<Contact>
{
    Q_OBJECT

public:
    enum Column { Name, Title, Phone, Email, Primary, ColumnCount };
    enum ItemRole { IdRole = Qt::UserRole + 1 };

    ContactListModel(const QSqlDatabase &db, Role viewer, QObject *parent = nullptr);

    void setCustomer(const QString &customerId);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QList<Contact> loadPage(const Contact *last, int limit, StoreError *error) const override;

private:
    ContactRepository m_repository;
    Role m_viewer;
    QString m_customerId;
};

} // namespace branchline
