// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConflictListModel.h"

#include "conflicts/ConflictText.h"
#include "domain/rules/FieldLabels.h"

#include <QLocale>

namespace branchline {

ConflictListModel::ConflictListModel(const QSqlDatabase &db, Role viewer, QObject *parent)
    : QAbstractTableModel(parent)
    , m_repository(db)
    , m_viewer(viewer)
{
}

void ConflictListModel::setIncludeResolved(bool include)
{
    if (include == m_includeResolved)
        return;
    m_includeResolved = include;
    reload();
}

bool ConflictListModel::reload(StoreError *error)
{
    StoreError failure;
    QList<ConflictEntry> entries = m_repository.list(m_includeResolved, maxRows, &failure);
    if (failure.isError()) {
        if (error)
            *error = failure;
        return false;
    }
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
    return true;
}

int ConflictListModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_entries.size(); ++row)
        if (m_entries.at(row).id == id)
            return row;
    return -1;
}

int ConflictListModel::unresolvedCount() const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [](const ConflictEntry &entry) { return !entry.isResolved(); }));
}

int ConflictListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ConflictListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConflictListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConflictEntry &entry = m_entries.at(index.row());
    switch (role) {
    case IdRole:
        return entry.id;
    case ResolvedRole:
        return entry.isResolved();
    case AwaitingServerRole:
        return entry.awaitingServer;
    case Qt::DisplayRole:
        switch (index.column()) {
        case Record:
            return ConflictText::record(entry);
        case Field:
            return FieldLabels::field(entry.table, entry.field);
        case WhatHappened:
            return entry.isResolved() ? ConflictText::resolution(entry)
                                      : ConflictText::summary(entry);
        case When:
            return QLocale().toString(entry.createdAt.toLocalTime(), QLocale::ShortFormat);
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == WhatHappened ? ConflictText::explanation(entry) : QVariant();
    default:
        return {};
    }
}

QVariant ConflictListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Record:
        return tr("Record");
    case Field:
        return tr("Field");
    case WhatHappened:
        return tr("What happened");
    case When:
        return tr("When");
    }
    return {};
}

} // namespace branchline
