// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PagedListModel.h"
#include "repositories/LeadRepository.h"
#include "domain/rules/Role.h"

class QMimeData;

namespace branchline {

// One column of the leads board: the leads in one status, newest change first, a page at a
// time, and how many there are in all. A card can be dragged when the viewer's role may
// change a lead's status; what it carries is the lead's id and status, read back with
// draggedLead().
class LeadColumnModel : public PagedRows<LeadCard>
{
    Q_OBJECT

public:
    enum ItemRole {
        IdRole = Qt::UserRole + 1,
        CompanyRole,
        ScoreRole,
        OwnerRole, // the owner's name
        CityRole,
        PendingRole, // true while an edit made here waits for the server
        StatusCodeRole,
        ConvertedCustomerRole, // the customer a converted lead became
    };

    // The MIME type of a dragged card.
    static QString mimeType();
    struct DraggedLead
    {
        QString id;
        LeadStatus from = LeadStatus::New;
    };
    // The card `data` carries; an empty id when it carries none.
    static DraggedLead draggedLead(const QMimeData *data);

    LeadColumnModel(const QSqlDatabase &db, LeadStatus status, Role viewer,
                    QObject *parent = nullptr);

    LeadStatus status() const { return m_status; }
    // Search text and owner, shared by every column; the status stays this column's.
    void setFilter(const LeadFilter &filter);
    // Every lead in this column, not only the rows loaded; -1 until counted or on an error.
    qint64 totalCount() const { return m_total; }
    // The row of a lead among the rows loaded; -1 if it is not among them.
    int rowOf(const QString &leadId) const;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void totalCountChanged(qint64 count);

protected:
    QList<LeadCard> loadPage(const LeadCard *last, int limit, StoreError *error) const override;

private:
    void recount();

    LeadRepository m_repository;
    LeadStatus m_status;
    Role m_viewer;
    LeadFilter m_filter;
    qint64 m_total = -1;
};

} // namespace branchline
