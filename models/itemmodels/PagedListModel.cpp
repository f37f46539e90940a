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
    // Listeners (views, the model tester) may ask for more while a reset or an insertion
    // is still being announced; rows inserted inside that notification would nest two
    // changes, so they are told to wait until it is over.
    return !parent.isValid() && m_hasMore && !m_notifying;
}

void PagedListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
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
    m_notifying = true;
    beginInsertRows(QModelIndex(), first, first + staged - 1);
    commitStagedRows();
    endInsertRows();
    m_notifying = false;
}

void PagedListModel::reload()
{
    // The first page is loaded inside the reset, so a view sees one reset with rows in it
    // rather than an empty model followed by an insertion.
    StoreError error;
    beginResetModel();
    clearRows();
    m_lastError = StoreError();
    const int staged = stageNextPage(m_pageSize, &error);
    if (staged >= 0)
        commitStagedRows();
    m_hasMore = staged == m_pageSize;
    m_notifying = true;
    endResetModel();
    m_notifying = false;
    if (staged < 0) {
        m_lastError = error;
        qCWarning(lcLists) << "first page failed to load:" << error.detail;
        emit loadFailed(error.message);
    }
}

} // namespace branchline
