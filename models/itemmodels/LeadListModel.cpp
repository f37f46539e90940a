// SPDX-License-Identifier: GPL-3.0-or-later
#include "LeadListModel.h"

#include "domain/rules/FieldPolicy.h"

#include <QLocale>

namespace branchline {

LeadListModel::LeadListModel(const QSqlDatabase &db, Role viewer, QObject *parent)
    : PagedRows<LeadCard>(parent)
    , m_repository(db)
    , m_viewer(viewer)
{
}

void LeadListModel::setFilter(const LeadFilter &filter)
{
    m_filter = filter;
    reload();
}

int LeadListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QList<LeadCard> LeadListModel::loadPage(const LeadCard *last, int limit, StoreError *error) const
{
    if (!m_filter)
        return {};
    return m_repository.cards(
            *m_filter, last ? LeadRepository::cursorAfter(last->lead) : PageCursor(), limit, error);
}

QVariant LeadListModel::data(const QModelIndex &index, int role) const
{
    if (!validRow(index))
        return QVariant();
    const Lead &lead = rowAt(index.row()).lead;
    if (role == IdRole)
        return lead.meta.id;
    if (role == PendingRole)
        return rowAt(index.row()).pending;
    if (role == ConvertedCustomerRole)
        return lead.convertedCustomerId;
    if (role == StatusCodeRole)
        return RecordEnums::code(lead.status);
    if (role == ScoreRole)
        return lead.score;
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (index.column()) {
    case Name:
        return lead.name;
    case Company:
        return lead.company;
    case Status:
        return RecordEnums::label(lead.status);
    case Source:
        return RecordEnums::label(lead.source);
    case Score:
        return lead.score;
    case Phone:
        return FieldPolicy::present(m_viewer, RecordType::Lead, QStringLiteral("phone"), lead.phone,
                                    false);
    case City:
        return lead.city;
    case Owner:
        return rowAt(index.row()).ownerName;
    case Updated:
        return QLocale().toString(lead.meta.updatedAt.toLocalTime(), QLocale::ShortFormat);
    }
    return QVariant();
}

QVariant LeadListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Company:
        return tr("Company");
    case Status:
        return tr("Status");
    case Source:
        return tr("Source");
    case Score:
        return tr("Score");
    case Phone:
        return tr("Phone");
    case City:
        return tr("City");
    case Owner:
        return tr("Owner");
    case Updated:
        return tr("Updated");
    }
    return QVariant();
}

} // namespace branchline
