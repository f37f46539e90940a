// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "approvals/ApprovalRecords.h"

#include <QAbstractTableModel>
#include <QSqlDatabase>

namespace branchline {

// One request's flow, as the detail pane lists it: each step with its mode (会签 / 或签) and
// each of its approvers — who holds the place, what they decided, when, with their comment
// — plus delegations and withdrawals, and my decisions still waiting for the server or
// refused by it, with the reason.
class ApprovalTimelineModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Step, Approver, Decision, When, Comment, ColumnCount };
    enum ItemRole {
        PositionRole = Qt::UserRole + 1,
        QueuedRole,
        RefusedRole,
        OverdueRole,
        CurrentRole, // a row of the step waiting for a decision
    };

    explicit ApprovalTimelineModel(const QSqlDatabase &db, QObject *parent = nullptr);

    void setItem(const ApprovalItem &item);
    void clear();
    void setNow(const QDateTime &now) { m_now = now; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        int position = 0;
        QString step; // on a step's first row only
        QString stepTip;
        QString approver;
        QString decision;
        QString when;
        QString comment;
        bool queued = false;
        bool refused = false;
        bool overdue = false;
        bool current = false;
    };
    QList<Row> rowsOf(const ApprovalItem &item) const;
    QString name(const QString &userId) const;

    QSqlDatabase m_db;
    QDateTime m_now;
    QList<Row> m_rows;
};

} // namespace branchline
