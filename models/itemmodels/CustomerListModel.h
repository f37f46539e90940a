// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PagedListModel.h"
#include "repositories/CustomerRepository.h"
#include "domain/rules/Role.h"

namespace branchline {

// The customer list: search, filters and two sort orders over the whole local store,
// loaded a page at a time. PII (the phone) is masked for the viewer's role.
class CustomerListModel : public PagedRows<CustomerSummary>
{
    Q_OBJECT

public:
    enum Column { Name, Kind, Status, Risk, Kyc, City, Phone, Owner, Branch, Updated, ColumnCount };
    enum ItemRole {
        IdRole = Qt::UserRole + 1, // the global id, to open the 360° view
        LocalIdRole,
        KindCodeRole,
        StatusCodeRole,
        RiskCodeRole,
        KycCodeRole,
        PendingRole, // true while an edit made here waits for the server
    };

    CustomerListModel(const QSqlDatabase &db, Role viewer, QObject *parent = nullptr);

    void setFilter(const CustomerFilter &filter);
    CustomerFilter filter() const { return m_filter; }
    CustomerSort sortOrder() const { return m_sort; }

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // Name sorts A to Z, Updated newest first; other columns have no index to page over
    // a million rows and are left as they are.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    QHash<int, QByteArray> roleNames() const override;

protected:
    QList<CustomerSummary> loadPage(const CustomerSummary *last, int limit,
                                    StoreError *error) const override;

private:
    CustomerRepository m_repository;
    Role m_viewer;
    CustomerFilter m_filter;
    CustomerSort m_sort = CustomerSort::ByName;
};

} // namespace branchline
