// SPDX-License-Identifier: GPL-3.0-or-later
#include "LeadColumnModel.h"

#include "domain/rules/FieldPolicy.h"

#include <QMimeData>

namespace branchline {

QString LeadColumnModel::mimeType()
{
    return QStringLiteral("application/x-branchline-lead");
}

LeadColumnModel::DraggedLead LeadColumnModel::draggedLead(const QMimeData *data)
{
    if (!data || !data->hasFormat(mimeType()))
        return {};
    // "<status code> <id>": ids are UUIDs and codes are single words.
    const QStringList parts = QString::fromUtf8(data->data(mimeType())).split(QLatin1Char(' '));
    const std::optional<LeadStatus> from =
            parts.size() == 2 ? RecordEnums::parse<LeadStatus>(parts[0]) : std::nullopt;
    if (!from || parts[1].isEmpty())
        return {};
    return { parts[1], *from };
}

LeadColumnModel::LeadColumnModel(const QSqlDatabase &db, LeadStatus status, Role viewer,
                                 QObject *parent)
    : PagedRows<LeadCard>(parent)
    , m_repository(db)
    , m_status(status)
    , m_viewer(viewer)
{
    m_filter.status = status;
    // Every reload (a filter, a sync round, an edit) counts the column again.
    connect(this, &QAbstractItemModel::modelReset, this, &LeadColumnModel::recount);
}

void LeadColumnModel::setFilter(const LeadFilter &filter)
{
    m_filter = filter;
    m_filter.status = m_status;
    reload();
}

void LeadColumnModel::recount()
{
    StoreError error;
    const qint64 total = m_repository.count(m_filter, &error);
    if (total == m_total)
        return;
    m_total = total;
    emit totalCountChanged(m_total);
}

int LeadColumnModel::rowOf(const QString &leadId) const
{
    for (int row = 0; row < rowCount(); ++row)
        if (rowAt(row).lead.meta.id == leadId)
            return row;
    return -1;
}

int LeadColumnModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1;
}

QList<LeadCard> LeadColumnModel::loadPage(const LeadCard *last, int limit,
                                          StoreError *error) const
{
    return m_repository.cards(m_filter,
                              last ? LeadRepository::cursorAfter(last->lead) : PageCursor(),
                              limit, error);
}

QVariant LeadColumnModel::data(const QModelIndex &index, int role) const
{
    if (!validRow(index))
        return QVariant();
    const LeadCard &card = rowAt(index.row());
    const Lead &lead = card.lead;
    switch (role) {
    case Qt::DisplayRole:
        return lead.name;
    case Qt::ToolTipRole: {
        QStringList lines{ lead.name };
        if (!lead.company.isEmpty())
            lines << lead.company;
        lines << tr("Score %1 · %2").arg(lead.score).arg(RecordEnums::label(lead.source));
        if (!lead.productInterest.isEmpty())
            lines << tr("Interested in: %1").arg(lead.productInterest);
        const QString phone = FieldPolicy::present(m_viewer, RecordType::Lead,
                                                   QStringLiteral("phone"), lead.phone, false);
        if (!phone.isEmpty())
            lines << phone;
        if (card.pending)
            lines << tr("Saved on this computer; waiting for the server.");
        return lines.join(QLatin1Char('\n'));
    }
    case IdRole:
        return lead.meta.id;
    case CompanyRole:
        return lead.company;
    case ScoreRole:
        return lead.score;
    case OwnerRole:
        return card.ownerName;
    case CityRole:
        return lead.city;
    case PendingRole:
        return card.pending;
    case StatusCodeRole:
        return RecordEnums::code(lead.status);
    case ConvertedCustomerRole:
        return lead.convertedCustomerId;
    }
    return QVariant();
}

Qt::ItemFlags LeadColumnModel::flags(const QModelIndex &index) const
{
    if (!validRow(index))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    // A converted lead stays converted: its card does not move.
    if (m_status != LeadStatus::Converted
        && FieldPolicy::permission(m_viewer, RecordType::Lead, QStringLiteral("status"))
                == FieldPermission::Editable)
        flags |= Qt::ItemIsDragEnabled;
    return flags;
}

QStringList LeadColumnModel::mimeTypes() const
{
    return { mimeType() };
}

QMimeData *LeadColumnModel::mimeData(const QModelIndexList &indexes) const
{
    // One card at a time: a drop may ask a question about the lead (why it was lost, the
    // customer it becomes).
    for (const QModelIndex &index : indexes) {
        if (!(flags(index) & Qt::ItemIsDragEnabled))
            continue;
        auto *data = new QMimeData;
        const QString payload = RecordEnums::code(m_status) + QLatin1Char(' ')
                + rowAt(index.row()).lead.meta.id;
        data->setData(mimeType(), payload.toUtf8());
        data->setText(rowAt(index.row()).lead.name);
        return data;
    }
    return nullptr;
}

Qt::DropActions LeadColumnModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

QHash<int, QByteArray> LeadColumnModel::roleNames() const
{
    QHash<int, QByteArray> names = PagedRows<LeadCard>::roleNames();
    names.insert(IdRole, "id");
    names.insert(CompanyRole, "company");
    names.insert(ScoreRole, "score");
    names.insert(OwnerRole, "owner");
    names.insert(CityRole, "city");
    names.insert(PendingRole, "pending");
    names.insert(StatusCodeRole, "status");
    names.insert(ConvertedCustomerRole, "convertedCustomer");
    return names;
}

} // namespace branchline
