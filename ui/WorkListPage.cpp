// SPDX-License-Identifier: GPL-3.0-or-later
#include "WorkListPage.h"

#include "itemmodels/PagedListModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace branchline {

WorkListPage::WorkListPage(const QString &title, const QString &emptyText,
                           PagedListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    model->setParent(this);
    auto *layout = new QVBoxLayout(this);
    auto *heading = new QLabel(title, this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    heading->setFont(font);
    layout->addWidget(heading);
    m_empty = new QLabel(emptyText, this);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_empty);
    m_view = new QTableView(this);
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    // Uniform rows: the view never measures every row of a long list.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setDefaultSectionSize(140);
    layout->addWidget(m_view, 1);
    connect(model, &QAbstractItemModel::modelReset, this, &WorkListPage::showCount);
    connect(model, &QAbstractItemModel::rowsInserted, this, &WorkListPage::showCount);
    showCount();
}

void WorkListPage::refresh()
{
    m_model->reload();
}

void WorkListPage::showCount()
{
    m_empty->setVisible(m_model->rowCount() == 0);
}

} // namespace branchline
