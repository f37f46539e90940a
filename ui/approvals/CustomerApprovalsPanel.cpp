// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerApprovalsPanel.h"

#include "ApprovalStateDelegate.h"
#include "itemmodels/ApprovalListModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace branchline {

CustomerApprovalsPanel::CustomerApprovalsPanel(const QSqlDatabase &db, const QString &userId,
                                               QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("customerApprovals"));
    m_model = new ApprovalListModel(db, userId, this);
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_request = new QPushButton(tr("Request a &change…"), this);
    m_request->setObjectName(QStringLiteral("requestChange"));
    m_request->setToolTip(tr("Ask for a fee change, onboarding, a credit limit or another "
                             "approval for this customer"));
    connect(m_request, &QPushButton::clicked, this, &CustomerApprovalsPanel::changeRequested);
    top->addWidget(m_request);
    top->addStretch(1);
    layout->addLayout(top);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("customerApprovalList"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->setItemDelegateForColumn(ApprovalListModel::State, new ApprovalStateDelegate(m_view));
    m_view->setColumnHidden(ApprovalListModel::Customer, true); // it is this customer
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->setToolTip(tr("Double-click or press Enter to open the request in Approvals"));
    layout->addWidget(m_view, 1);
    m_empty = new QLabel(tr("No approval requests for this customer yet."), this);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_empty);

    const auto open = [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            emit requestOpened(current.data(ApprovalListModel::IdRole).toString());
    };
    connect(m_view, &QTableView::doubleClicked, this, open);
    auto *enter = new QAction(m_view);
    enter->setShortcuts({ QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter) });
    enter->setShortcutContext(Qt::WidgetShortcut);
    connect(enter, &QAction::triggered, this, open);
    m_view->addAction(enter);
}

void CustomerApprovalsPanel::setCustomer(const QString &customerId)
{
    m_model->setRecord(customerId);
    refresh();
}

void CustomerApprovalsPanel::refresh()
{
    m_model->reload();
    m_view->resizeColumnsToContents();
    m_empty->setVisible(m_model->rowCount() == 0);
}

} // namespace branchline
