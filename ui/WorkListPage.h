// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QAbstractItemDelegate;
class QLabel;
class QTableView;

namespace branchline {

class PagedListModel;

// A titled list of records over one of models/' paged models (leads, my tasks): the
// model loads page by page as the view scrolls. Richer boards and actions come with the
// leads and tasks screens; this is the list they grow from.
class WorkListPage : public QWidget
{
    Q_OBJECT

public:
    WorkListPage(const QString &title, const QString &emptyText, PagedListModel *model,
                 QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }

public slots:
    void refresh();

private:
    void showCount();

    PagedListModel *m_model;
    QTableView *m_view = nullptr;
    QLabel *m_empty = nullptr;
};

} // namespace branchline
