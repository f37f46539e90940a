// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PagedListModel.h"
#include "repositories/LeadRepository.h"
#include "domain/rules/Role.h"

#include <optional>

namespace branchline {

// Leads, newest change first, a page at a time; phone and email masked for the viewer.
class LeadListModel : public PagedRows<LeadCard>
{
    Q_OBJECT

public:
    enum Column { Name, Company, Status, Source, Score, Phone, City, Owner, Updated, ColumnCount };
    enum ItemRole {
        IdRole = Qt::UserRole + 1,
        StatusCodeRole,
        ScoreRole,
        PendingRole, // true while an edit made here waits for the server
        ConvertedCustomerRole, // the customer a converted lead became
    };

    LeadListModel(const QSqlDatabase &db, Role viewer, QObject *parent = nullptr);

    void setFilter(const LeadFilter &filter);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QList<LeadCard> loadPage(const LeadCard *last, int limit, StoreError *error) const override;

private:
    LeadRepository m_repository;
    Role m_viewer;
    // None until setFilter(): a view may ask for rows as soon as it is attached (the 360°
    // view's lists, long before a customer opens), and an empty filter means every lead.
    std::optional<LeadFilter> m_filter;
};

} // namespace branchline
