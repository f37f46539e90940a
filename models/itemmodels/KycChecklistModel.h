// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/records/MerchantRecords.h"
#include "domain/records/RecordEnums.h"

#include <QAbstractTableModel>
#include <QSqlDatabase>

namespace branchline {

// A customer's KYC checklist: every item its kind requires, with its state, the note, who
// moved it last and when, and whether that move still waits for the server.
class KycChecklistModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Item, State, Note, ChangedBy, ChangedAt, ColumnCount };
    enum ItemRole {
        ItemKindRole = Qt::UserRole + 1, // KycItemKind
        StateRole, // KycItemState
        PendingRole, // bool: the last move is in the outbox
    };

    explicit KycChecklistModel(const QSqlDatabase &db, QObject *parent = nullptr);

    void setCustomer(const QString &customerId, CustomerKind kind);
    void reload();
    const KycItem &itemAt(int row) const { return m_rows.at(row); }
    // How many of the items are verified.
    int verifiedCount() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QSqlDatabase m_db;
    QString m_customerId;
    CustomerKind m_kind = CustomerKind::Merchant;
    QList<KycItem> m_rows;
    QList<bool> m_pending;
};

} // namespace branchline
