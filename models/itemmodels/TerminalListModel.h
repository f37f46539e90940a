// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/records/MerchantRecords.h"

#include <QAbstractTableModel>
#include <QSqlDatabase>

namespace branchline {

// A merchant's terminals (a handful, read at once): serial, model, kind, status, when it
// was installed and when it last took a payment.
class TerminalListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Serial, Model, Kind, Status, Installed, LastActive, ColumnCount };
    enum ItemRole { IdRole = Qt::UserRole + 1, StatusRole }; // StatusRole: TerminalStatus

    explicit TerminalListModel(const QSqlDatabase &db, QObject *parent = nullptr);

    void setCustomer(const QString &customerId);
    void reload();
    // How many terminals take payments now.
    int activeCount() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QSqlDatabase m_db;
    QString m_customerId;
    QList<Terminal> m_rows;
};

} // namespace branchline
