// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/records/MerchantRecords.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QSqlDatabase>

namespace branchline {

// A merchant's last twelve months with figures, oldest first: volume, transactions, refunds
// and chargebacks, money in ¥ as the locale writes it. The chart of the Volume panel reads
// the raw amounts through VolumeFenRole and MonthRole.
class MerchantVolumeModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Month, Volume, Transactions, Refunds, Chargebacks, ColumnCount };
    enum ItemRole { VolumeFenRole = Qt::UserRole + 1, MonthRole };

    static constexpr int months = 12;

    explicit MerchantVolumeModel(const QSqlDatabase &db, QObject *parent = nullptr);

    void setCustomer(const QString &customerId);
    void reload();
    // The highest month's volume in fen, 0 without figures: the chart's scale.
    qint64 peakFen() const;
    const MerchantVolume &monthAt(int row) const { return m_rows.at(row); }
    // "Oct 2026", "2026年10月".
    static QString monthText(const QDate &month);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QSqlDatabase m_db;
    QString m_customerId;
    QList<MerchantVolume> m_rows;
};

} // namespace branchline
