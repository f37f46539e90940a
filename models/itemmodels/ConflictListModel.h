// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "conflicts/ConflictRepository.h"
#include "domain/rules/Role.h"

#include <QAbstractTableModel>

namespace branchline {

// The conflict journal, newest first. The journal is small (people resolve it), so it is
// read whole rather than a page at a time.
class ConflictListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Record, Field, When, WhatHappened, ColumnCount };
    enum ItemRole { IdRole = Qt::UserRole + 1, ResolvedRole, AwaitingServerRole };

    ConflictListModel(const QSqlDatabase &db, Role viewer, QObject *parent = nullptr);

    void setIncludeResolved(bool include);
    bool includesResolved() const { return m_includeResolved; }
    // Reads the journal again; false (and the rows kept) when the store failed.
    bool reload(StoreError *error = nullptr);

    const ConflictEntry &entry(int row) const { return m_entries.at(row); }
    int rowOf(const QString &id) const;
    // How many of the rows are still unresolved.
    int unresolvedCount() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static constexpr int maxRows = 2000;

private:
    ConflictRepository m_repository;
    Role m_viewer;
    bool m_includeResolved = false;
    QList<ConflictEntry> m_entries;
};

} // namespace branchline
