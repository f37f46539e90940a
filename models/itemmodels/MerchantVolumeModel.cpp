// SPDX-License-Identifier: GPL-3.0-or-later
#include "MerchantVolumeModel.h"

#include "repositories/MerchantFeedRepository.h"
#include "domain/rules/Money.h"

#include <QLocale>

#include <algorithm>

namespace branchline {

MerchantVolumeModel::MerchantVolumeModel(const QSqlDatabase &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{
}

void MerchantVolumeModel::setCustomer(const QString &customerId)
{
    m_customerId = customerId;
    reload();
}

void MerchantVolumeModel::reload()
{
    beginResetModel();
    m_rows = m_customerId.isEmpty() ? QList<MerchantVolume>()
                                    : MerchantFeedRepository(m_db).lastMonths(m_customerId, months);
    endResetModel();
}

qint64 MerchantVolumeModel::peakFen() const
{
    qint64 peak = 0;
    for (const MerchantVolume &row : m_rows)
        peak = std::max(peak, row.volumeFen);
    return peak;
}

QString MerchantVolumeModel::monthText(const QDate &month)
{
    // The format is the translator's: "MMM yyyy" in English, "yyyy年M月" in Chinese.
    return QLocale().toString(month, tr("MMM yyyy", "a month in the volume table and chart"));
}

int MerchantVolumeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MerchantVolumeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MerchantVolumeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const MerchantVolume &row = m_rows.at(index.row());
    const QDate month = QDate::fromString(row.month + QStringLiteral("-01"), Qt::ISODate);
    if (role == VolumeFenRole)
        return row.volumeFen;
    if (role == MonthRole)
        return month;
    if (role == Qt::TextAlignmentRole)
        return index.column() == Month ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return QVariant();
    const QLocale locale;
    switch (index.column()) {
    case Month:
        return month.isValid() ? monthText(month) : row.month;
    case Volume:
        return Money::format(row.volumeFen, locale);
    case Transactions:
        return locale.toString(row.txCount);
    case Refunds:
        return Money::format(row.refundFen, locale);
    case Chargebacks:
        return locale.toString(row.chargebackCount);
    }
    return QVariant();
}

QVariant MerchantVolumeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Month:
        return tr("Month");
    case Volume:
        return tr("Volume");
    case Transactions:
        return tr("Transactions");
    case Refunds:
        return tr("Refunds");
    case Chargebacks:
        return tr("Chargebacks");
    }
    return QVariant();
}

} // namespace branchline
