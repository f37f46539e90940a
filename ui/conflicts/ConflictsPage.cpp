// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConflictsPage.h"

#include "ConflictDetail.h"
#include "Headings.h"
#include "conflicts/ConflictRepository.h"
#include "itemmodels/ConflictListModel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace branchline {

ConflictsPage::ConflictsPage(const QSqlDatabase &db, Role viewer, const QString &userId,
                             QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_userId(userId)
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("conflictsHeading"));
    makeHeading(m_heading, 1.3);
    top->addWidget(m_heading, 1);
    m_showResolved = new QCheckBox(tr("Show &resolved"), this);
    m_showResolved->setObjectName(QStringLiteral("showResolved"));
    top->addWidget(m_showResolved);
    layout->addLayout(top);

    m_body = new QStackedWidget(this);
    m_empty = new QLabel(tr("No conflicts. When someone else's edit meets yours, both values "
                            "are kept here and nothing is lost."),
                         m_body);
    m_empty->setObjectName(QStringLiteral("conflictsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    auto *split = new QSplitter(Qt::Horizontal, m_body);
    m_model = new ConflictListModel(db, viewer, this);
    m_view = new QTableView(split);
    m_view->setObjectName(QStringLiteral("conflictList"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_detail = new ConflictDetail(viewer, split);
    split->addWidget(m_view);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    m_body->addWidget(m_empty);
    m_body->addWidget(split);
    layout->addWidget(m_body, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ConflictsPage::showCurrent);
    connect(m_showResolved, &QCheckBox::toggled, this, [this](bool include) {
        m_model->setIncludeResolved(include);
        refresh();
    });
    connect(m_detail, &ConflictDetail::resolveRequested, this, &ConflictsPage::resolve);
    connect(m_detail, &ConflictDetail::openRecordRequested, this,
            [this](const QString &table, const QString &id) {
                if (table == QLatin1String("customers"))
                    emit openCustomerRequested(id);
            });
    refresh();
}

void ConflictsPage::refresh()
{
    const QModelIndex current = m_view->currentIndex();
    const QString selected = current.isValid() ? m_model->entry(current.row()).id : QString();
    const int oldRow = current.isValid() ? current.row() : 0;
    m_model->reload();
    m_view->resizeColumnsToContents();
    updateHeading();
    int row = selected.isEmpty() ? -1 : m_model->rowOf(selected);
    // The entry just resolved left the list: the one now in its place is next.
    if (row < 0 && m_model->rowCount() > 0)
        row = qMin(oldRow, m_model->rowCount() - 1);
    selectRow(row);
}

bool ConflictsPage::showConflict(const QString &conflictId)
{
    int row = m_model->rowOf(conflictId);
    if (row < 0 && !m_showResolved->isChecked()) {
        m_showResolved->setChecked(true); // it may have been resolved meanwhile
        row = m_model->rowOf(conflictId);
    }
    if (row < 0)
        return false;
    selectRow(row);
    return true;
}

void ConflictsPage::selectRow(int row)
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

void ConflictsPage::showCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    ConflictEntry entry = m_model->entry(current.row());
    StoreError error;
    ConflictRepository(m_db).findBase(&entry, &error); // on failure the base shows unknown
    m_detail->show(entry);
}

void ConflictsPage::updateHeading()
{
    const int open = m_model->unresolvedCount();
    m_heading->setText(open == 0 ? tr("Conflicts")
                                 : tr("Conflicts (%n to resolve)", nullptr, open));
    m_body->setCurrentIndex(m_model->rowCount() == 0 ? 0 : 1);
}

void ConflictsPage::resolve(const QString &conflictId, ConflictResolution::Choice choice,
                            const QJsonValue &merged)
{
    QString message;
    if (!ConflictResolution::resolve(m_db, m_userId, conflictId, choice, merged, &message)) {
        m_detail->showFailure(message);
        return;
    }
    refresh();
    emit resolved();
}

} // namespace branchline
