// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "approvals/ApprovalInbox.h"
#include "approvals/ApprovalRepository.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace branchline {

// The approval inbox: one box (waiting for me, requested by me, decided) of the requests
// on this device, filtered by flow and status and searched by customer and requester.
// Requests are few next to customers (a person's own and the ones they decide), so the
// newest maxRequests are read whole and sorted into boxes here.
class ApprovalListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Customer, Flow, Requester, State, Asked, ColumnCount };
    enum ItemRole {
        IdRole = Qt::UserRole + 1,
        WaitingRole, // waiting for my decision
        QueuedRole, // something I did on it waits for the server
        RefusedRole, // the server refused something I sent about it
        OverdueRole, // its current step is past its due time
        AttentionRole, // Attention: how the row's state is toned
    };
    enum class Attention { None, Queued, Problem }; // problem: refused or overdue

    ApprovalListModel(const QSqlDatabase &db, const QString &userId, QObject *parent = nullptr);

    void setBox(ApprovalInbox::Box box);
    ApprovalInbox::Box box() const { return m_box; }
    // Empty: every flow / status.
    void setFlowFilter(const QString &flowCode);
    void setStatusFilter(const QString &status);
    void setSearch(const QString &text);
    // One customer's requests, every box (the 360° view's history); empty: the inbox.
    void setRecord(const QString &recordId) { m_record = recordId; }
    // "Now" for due times; tests pin it.
    void setNow(const QDateTime &now) { m_now = now; }

    // Reads the store again; false (and the rows kept) when it failed.
    bool reload(StoreError *error = nullptr);

    const ApprovalItem &item(int row) const { return m_all.at(m_rows.at(row)); }
    int rowOf(const QString &requestId) const;
    // How many requests wait for my decision, whatever the box and filters.
    int waitingCount() const { return m_waiting; }
    const QList<ApprovalItem> &allItems() const { return m_all; }
    const ApprovalInbox &inbox() const { return m_inbox; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static constexpr int maxRequests = 1000;
    // A few words on where the request stands for me: "Decision pending sync", the refusal,
    // the current step and its due time, or the status.
    QString stateText(const ApprovalItem &item) const;

signals:
    // The number waiting for me changed (the navigation badge).
    void waitingCountChanged(int count);

private:
    void refilter();
    bool matches(const ApprovalItem &item) const;
    QDateTime now() const;

    ApprovalRepository m_repository;
    ApprovalInbox m_inbox;
    ApprovalInbox::Box m_box = ApprovalInbox::Box::WaitingForMe;
    QString m_flow;
    QString m_status;
    QString m_search;
    QString m_record;
    QDateTime m_now;
    QList<ApprovalItem> m_all;
    QList<int> m_rows; // indexes into m_all, in the order shown
    int m_waiting = 0;
};

} // namespace branchline
