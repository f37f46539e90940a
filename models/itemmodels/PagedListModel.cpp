// SPDX-License-Identifier: GPL-3.0-or-later
#include "PagedListModel.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcLists, "branchline.models.lists")

namespace branchline {

PagedListModel::PagedListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int PagedListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : heldRowCount();
}

bool PagedListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore;
}

void PagedListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || !m_hasMore)
        return;
    StoreError error;
    const int staged = stageNextPage(m_pageSize, &error);
    if (staged < 0) {
        m_hasMore = false;
        m_lastError = error;
        qCWarning(lcLists) << "page failed to load:" << error.detail;
        emit loadFailed(error.message);
        return;
    }
    if (staged < m_pageSize)
        m_hasMore = false;
    if (staged == 0)
        return;
    const int first = heldRowCount();
    beginInsertRows(QModelIndex(), first, first + staged - 1);
    commitStagedRows();
    endInsertRows();
}

void PagedListModel::reload()
{
    beginResetModel();
    clearRows();
    m_hasMore = true;
    m_lastError = StoreError();
    endResetModel();
    fetchMore(QModelIndex());
}

} // namespace branchline
