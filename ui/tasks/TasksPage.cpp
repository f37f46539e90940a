// SPDX-License-Identifier: GPL-3.0-or-later
#include "TasksPage.h"

#include "Headings.h"
#include "PendingMarkerDelegate.h"
#include "TaskActions.h"
#include "TaskItemDelegate.h"
#include "Tones.h"
#include "itemmodels/TaskAgendaModel.h"
#include "tasks/DueText.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace branchline {

namespace {
// Often enough that a task turns red within a minute of falling due.
constexpr int clockTickMs = 60 * 1000;
} // namespace

TasksPage::TasksPage(const QSqlDatabase &db, const QString &userId, QWidget *parent)
    : QWidget(parent)
    , m_model(new TaskAgendaModel(db, userId, this))
{
    setObjectName(QStringLiteral("TasksPage"));
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("taskTree"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new TaskItemDelegate(m_view));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAllColumnsShowFocus(true);
    m_view->setUniformRowHeights(true); // a long list is never measured row by row
    m_view->setTabKeyNavigation(false);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(TaskAgendaModel::Title, QHeaderView::Stretch);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    header->resizeSection(TaskAgendaModel::Related, em * 24);
    // As wide as the longest way this language says a due time.
    const QDateTime now = QDateTime::currentDateTime();
    int dueWidth = 0;
    for (const QDateTime &due : { now.addDays(-1), now.addDays(1), now.addDays(-30) })
        dueWidth = qMax(dueWidth,
                        fontMetrics().horizontalAdvance(
                                DueText::of(QDateTime(due.date(), QTime(22, 22)), now)));
    header->resizeSection(TaskAgendaModel::Due, dueWidth + em * 2);
    header->resizeSection(TaskAgendaModel::Priority, em * 6);
    setFocusProxy(m_view);
    m_actions = new TaskActions(m_model, m_view, this);

    auto *heading = new QLabel(tr("My tasks"), this);
    makeHeading(heading, 1.4);
    auto *top = new QHBoxLayout;
    top->addWidget(heading);
    top->addStretch(1);
    top->addLayout(m_actions->buttons(this));

    m_empty = new QLabel(tr("Nothing to do: no open tasks."), this);
    m_empty->setObjectName(QStringLiteral("emptyLabel"));
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("notice"));
    m_notice->setWordWrap(true);
    Tones::setTextTone(m_notice, Tone::Error);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_empty);
    layout->addWidget(m_view, 1);
    layout->addLayout(buildLegend());

    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        if (m_keepId.isEmpty())
            m_keepId = currentTaskId();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &TasksPage::afterReset);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &under, int first, int last) {
                if (!under.isValid()) // new groups
                    arrangeGroups(first, last);
            });
    connect(m_model, &QAbstractItemModel::dataChanged, m_actions, &TaskActions::update);
    connect(m_model, &TaskAgendaModel::taskEdited, this, &TasksPage::pendingEditsChanged);
    connect(m_model, &TaskAgendaModel::failed, this, &TasksPage::showNotice);
    connect(m_actions, &TaskActions::notice, this, &TasksPage::showNotice);
    connect(m_actions, &TaskActions::customerOpened, this, &TasksPage::customerOpened);
    connect(m_actions, &TaskActions::keepSelected, this,
            [this](const QString &taskId) { m_keepId = taskId; });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, m_actions,
            &TaskActions::update);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (!index.data(TaskAgendaModel::IsGroupRole).toBool())
            m_actions->openCurrentCustomer();
    });
    connect(m_view, &QTreeView::collapsed, this, [this](const QModelIndex &index) {
        m_collapsed.insert(index.data(TaskAgendaModel::BucketRole).toInt());
    });
    connect(m_view, &QTreeView::expanded, this, [this](const QModelIndex &index) {
        m_collapsed.remove(index.data(TaskAgendaModel::BucketRole).toInt());
    });

    m_clockTick = new QTimer(this);
    m_clockTick->setInterval(clockTickMs);
    connect(m_clockTick, &QTimer::timeout, this, [this] {
        if (m_model->groupingOutdated(m_model->now()))
            refresh();
    });
    m_clockTick->start();
    m_model->reload();
}

QLayout *TasksPage::buildLegend()
{
    // What the amber dot means, said where the dots are.
    auto *icon = new QLabel(this);
    const int side = fontMetrics().height() * 3 / 4;
    icon->setPixmap(PendingMarkerDelegate::pendingIcon().pixmap(side, side));
    auto *legend = new QLabel(tr("changed here, waiting for the server"), this);
    legend->setForegroundRole(QPalette::PlaceholderText);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(icon);
    bottom->addWidget(legend);
    bottom->addSpacing(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 2);
    bottom->addWidget(m_notice, 1);
    return bottom;
}

QString TasksPage::currentTaskId() const
{
    return m_actions->currentTask().data(TaskAgendaModel::IdRole).toString();
}

QString TasksPage::noticeText() const
{
    return m_notice->text();
}

void TasksPage::select(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    m_view->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void TasksPage::refresh()
{
    m_keepId = currentTaskId();
    m_model->reload();
}

void TasksPage::showTask(const QString &taskId)
{
    m_keepId = taskId;
    m_model->reload();
    m_view->setFocus(Qt::OtherFocusReason);
}

void TasksPage::afterReset()
{
    arrangeGroups(0, m_model->rowCount() - 1);
    QModelIndex keep = m_model->indexOf(m_keepId);
    m_keepId.clear();
    if (!keep.isValid() && m_model->rowCount() > 0) // the first task of the first group
        keep = m_model->index(0, 0, m_model->index(0, 0));
    select(keep);
    m_actions->update();
}

void TasksPage::arrangeGroups(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const QModelIndex group = m_model->index(row, 0);
        m_view->setFirstColumnSpanned(row, QModelIndex(), true);
        const bool folded = m_collapsed.contains(group.data(TaskAgendaModel::BucketRole).toInt());
        m_view->setExpanded(group, !folded);
    }
    m_empty->setVisible(m_model->taskCount() == 0);
}

void TasksPage::showNotice(const QString &text)
{
    m_notice->setText(text);
}

} // namespace branchline
