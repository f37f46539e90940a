// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalsPage.h"

#include "ApprovalDecisionBar.h"
#include "ApprovalDetail.h"
#include "ApprovalStateDelegate.h"
#include "approvals/ApprovalText.h"
#include "itemmodels/ApprovalListModel.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QTableView>
#include <QVBoxLayout>

namespace branchline {

namespace {

const ApprovalInbox::Box boxOrder[] = { ApprovalInbox::Box::WaitingForMe,
                                        ApprovalInbox::Box::RequestedByMe,
                                        ApprovalInbox::Box::Decided };

} // namespace

ApprovalsPage::ApprovalsPage(const QSqlDatabase &db, Role viewer, const QString &userId,
                             QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("ApprovalsPage"));
    m_model = new ApprovalListModel(db, userId, this);
    auto *layout = new QVBoxLayout(this);

    auto *top = new QHBoxLayout;
    m_boxes = new QTabBar(this);
    m_boxes->setObjectName(QStringLiteral("approvalBoxes"));
    m_boxes->setExpanding(false);
    m_boxes->setDrawBase(false);
    for (int i = 0; i < 3; ++i)
        m_boxes->addTab(QString());
    top->addWidget(m_boxes);
    top->addStretch(1);
    m_flow = new QComboBox(this);
    m_flow->setObjectName(QStringLiteral("flowFilter"));
    m_flow->addItem(tr("All requests"), QString());
    for (const QString &flow : ApprovalText::builtInFlows())
        m_flow->addItem(ApprovalText::flowName(flow), flow);
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("Any status"), QString());
    for (const QString &status : ApprovalText::statuses())
        m_status->addItem(ApprovalText::status(status), status);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("approvalSearch"));
    m_search->setPlaceholderText(tr("Search customer or requester (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(m_search->fontMetrics().horizontalAdvance(m_search->placeholderText())
                              + 40);
    top->addWidget(m_flow);
    top->addWidget(m_status);
    top->addWidget(m_search);
    layout->addLayout(top);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("approvalMessage"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    layout->addWidget(m_message);

    m_body = new QStackedWidget(this);
    m_empty = new QLabel(m_body);
    m_empty->setObjectName(QStringLiteral("approvalsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    auto *split = new QSplitter(Qt::Horizontal, m_body);
    m_view = new QTableView(split);
    m_view->setObjectName(QStringLiteral("approvalList"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setItemDelegateForColumn(ApprovalListModel::State, new ApprovalStateDelegate(m_view));
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 12);
    // Every column fits its text except "where it stands", which takes the room left and
    // elides (its tooltip has it whole): the list never scrolls sideways.
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ApprovalListModel::State,
                                                     QHeaderView::Stretch);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_detail = new ApprovalDetail(db, viewer, userId);
    auto *scroll = new QScrollArea(split);
    scroll->setWidget(m_detail);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    split->addWidget(m_view);
    split->addWidget(scroll);
    // The detail (diff, flow, comment) needs the room more than the list's last column.
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    m_body->addWidget(m_empty);
    m_body->addWidget(split);
    layout->addWidget(m_body, 1);

    // The decision shortcuts answer anywhere in the section, the list included.
    addActions(m_detail->decisionBar()->shortcuts());
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(find);
    for (int i = 0; i < 3; ++i) {
        auto *pick = new QAction(this);
        pick->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        pick->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(pick, &QAction::triggered, this, [this, i] { m_boxes->setCurrentIndex(i); });
        addAction(pick);
    }

    connect(m_boxes, &QTabBar::currentChanged, this, [this](int index) {
        if (index < 0)
            return;
        m_model->setBox(boxOrder[index]);
        selectRow(m_model->rowCount() > 0 ? 0 : -1);
        updateBoxTitles();
    });
    connect(m_flow, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setFlowFilter(m_flow->currentData().toString());
        selectRow(m_model->rowCount() > 0 ? 0 : -1);
        updateBoxTitles();
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setStatusFilter(m_status->currentData().toString());
        selectRow(m_model->rowCount() > 0 ? 0 : -1);
        updateBoxTitles();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->setSearch(text);
        selectRow(m_model->rowCount() > 0 ? 0 : -1);
        updateBoxTitles();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ApprovalsPage::showCurrent);
    connect(m_model, &ApprovalListModel::waitingCountChanged, this,
            &ApprovalsPage::waitingCountChanged);
    connect(m_detail->decisionBar(), &ApprovalDecisionBar::decided, this, &ApprovalsPage::decided);
    connect(m_detail, &ApprovalDetail::openCustomerRequested, this,
            &ApprovalsPage::openCustomerRequested);
    refresh();
}

int ApprovalsPage::waitingCount() const
{
    return m_model->waitingCount();
}

void ApprovalsPage::refresh()
{
    const QModelIndex current = m_view->currentIndex();
    const QString selected =
            current.isValid() ? current.data(ApprovalListModel::IdRole).toString() : QString();
    const int oldRow = current.isValid() ? current.row() : 0;
    m_model->reload();
    int row = selected.isEmpty() ? -1 : m_model->rowOf(selected);
    // The request just decided left "waiting for me": the next one takes its place.
    if (row < 0 && m_model->rowCount() > 0)
        row = qMin(oldRow, m_model->rowCount() - 1);
    selectRow(row);
    updateBoxTitles();
}

void ApprovalsPage::updateBoxTitles()
{
    const int waiting = m_model->waitingCount();
    m_boxes->setTabText(
            0, waiting > 0 ? tr("Waiting for me (%1)").arg(waiting) : tr("Waiting for me"));
    m_boxes->setTabText(1, tr("Requested by me"));
    m_boxes->setTabText(2, tr("Decided"));
    for (int i = 0; i < 3; ++i)
        m_boxes->setTabToolTip(i, tr("Alt+%1").arg(i + 1));
    const bool filtered = !m_search->text().isEmpty() || m_flow->currentIndex() > 0
            || m_status->currentIndex() > 0;
    switch (m_model->box()) {
    case ApprovalInbox::Box::WaitingForMe:
        m_empty->setText(filtered ? tr("No request waiting for you matches the filter.")
                                  : tr("Nothing is waiting for your decision."));
        break;
    case ApprovalInbox::Box::RequestedByMe:
        m_empty->setText(filtered ? tr("None of your requests matches the filter.")
                                  : tr("You have not asked for anything yet. Ask for a fee "
                                       "change, onboarding or a credit limit from a "
                                       "customer's 360° view."));
        break;
    case ApprovalInbox::Box::Decided:
        m_empty->setText(filtered ? tr("No decided request matches the filter.")
                                  : tr("Requests you decided, and finished ones, are kept "
                                       "here."));
        break;
    }
    m_body->setCurrentIndex(m_model->rowCount() == 0 ? 0 : 1);
}

bool ApprovalsPage::showRequest(const QString &requestId)
{
    m_search->clear();
    m_flow->setCurrentIndex(0);
    m_status->setCurrentIndex(0);
    for (int i = 0; i < 3; ++i) {
        m_boxes->setCurrentIndex(i);
        const int row = m_model->rowOf(requestId);
        if (row >= 0) {
            selectRow(row);
            return true;
        }
    }
    return false;
}

void ApprovalsPage::selectRow(int row)
{
    if (row < 0) {
        m_view->selectionModel()->clearSelection();
        m_detail->clear();
        return;
    }
    const QModelIndex index = m_model->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    showCurrent();
}

void ApprovalsPage::showCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    m_detail->show(m_model->item(current.row()));
}

void ApprovalsPage::decided(const QString &requestId)
{
    Q_UNUSED(requestId)
    m_message->setText(tr("Saved on this computer; it goes to the server with the next sync."));
    m_message->setVisible(true);
    refresh();
    emit pendingEditsChanged();
}

} // namespace branchline
