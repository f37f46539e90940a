// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/StoreError.h"

#include <QAbstractTableModel>

namespace branchline {

// A table model that holds only the pages a view has asked for. Views call fetchMore()
// as the user scrolls; each call loads one keyset page, so a list over a million rows
// starts with one page and costs the same for its 5,000th.
class PagedListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit PagedListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }

    // Drops every row and loads the first page again (after a filter or data change).
    void reload();
    QString lastErrorMessage() const { return m_lastError.message; }

signals:
    void loadFailed(const QString &message);

protected:
    // Loads the page after the held rows into a staging area, returning how many rows it
    // staged; sets `error` on failure.
    virtual int stageNextPage(int limit, StoreError *error) = 0;
    virtual void commitStagedRows() = 0;
    virtual void clearRows() = 0;
    virtual int heldRowCount() const = 0;

private:
    int m_pageSize = 200;
    bool m_hasMore = true;
    bool m_notifying = false; // inside our own change notification
    StoreError m_lastError;
};

// The row storage every concrete list shares: the subclass says how to load a page after a
// given row and how to show a row.
template<typename Row>
class PagedRows : public PagedListModel
{
public:
    using PagedListModel::PagedListModel;

    const Row &rowAt(int row) const { return m_rows.at(row); }

protected:
    // The page after `last` (nullptr: the first page).
    virtual QList<Row> loadPage(const Row *last, int limit, StoreError *error) const = 0;

    int stageNextPage(int limit, StoreError *error) override
    {
        m_staged = loadPage(m_rows.isEmpty() ? nullptr : &m_rows.last(), limit, error);
        return error->isError() ? -1 : static_cast<int>(m_staged.size());
    }
    void commitStagedRows() override
    {
        m_rows.append(m_staged);
        m_staged.clear();
    }
    void clearRows() override { m_rows.clear(); }
    int heldRowCount() const override { return static_cast<int>(m_rows.size()); }

    bool validRow(const QModelIndex &index) const
    {
        return index.isValid() && !index.parent().isValid() && index.row() < m_rows.size()
                && index.column() < columnCount();
    }

private:
    QList<Row> m_rows;
    QList<Row> m_staged;
};

} // namespace branchline
