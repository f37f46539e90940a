// SPDX-License-Identifier: GPL-3.0-or-later
#include "TerminalListModel.h"

#include "domain/records/MerchantEnums.h"
#include "repositories/MerchantFeedRepository.h"

#include <QLocale>

#include <algorithm>

namespace branchline {

TerminalListModel::TerminalListModel(const QSqlDatabase &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{
}

void TerminalListModel::setCustomer(const QString &customerId)
{
    m_customerId = customerId;
    reload();
}

void TerminalListModel::reload()
{
    beginResetModel();
    m_rows = m_customerId.isEmpty() ? QList<Terminal>()
                                    : MerchantFeedRepository(m_db).terminals(m_customerId);
    endResetModel();
}

int TerminalListModel::activeCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Terminal &terminal) {
        return terminal.status == TerminalStatus::Active;
    }));
}

int TerminalListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TerminalListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TerminalListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Terminal &terminal = m_rows.at(index.row());
    if (role == IdRole)
        return terminal.meta.id;
    if (role == StatusRole)
        return int(terminal.status);
    if (role != Qt::DisplayRole)
        return QVariant();
    const QLocale locale;
    switch (index.column()) {
    case Serial:
        return terminal.serial;
    case Model:
        return terminal.model;
    case Kind:
        return MerchantEnums::label(terminal.kind);
    case Status:
        return MerchantEnums::label(terminal.status);
    case Installed:
        return locale.toString(terminal.installedAt, QLocale::ShortFormat);
    case LastActive:
        return terminal.lastActiveDay.isValid()
                ? locale.toString(terminal.lastActiveDay, QLocale::ShortFormat)
                : tr("Never");
    }
    return QVariant();
}

QVariant TerminalListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Serial:
        return tr("Serial number");
    case Model:
        return tr("Model");
    case Kind:
        return tr("Kind");
    case Status:
        return tr("Status");
    case Installed:
        return tr("Installed");
    case LastActive:
        return tr("Last payment");
    }
    return QVariant();
}

} // namespace branchline
