// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardsPage.h"

#include "DashboardDocument.h"
#include "DashboardView.h"
#include "ShareDashboardDialog.h"
#include "dashboards/BuiltInDashboards.h"
#include "repositories/Directory.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace branchline {

namespace {

constexpr int IdRole = Qt::UserRole;

} // namespace

DashboardsPage::DashboardsPage(const QSqlDatabase &db, Role role, const QString &userId,
                               QueryRunner *runner, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_role(role)
    , m_userId(userId)
    , m_repository(db, userId, role)
    , m_list(new QListWidget(this))
    , m_new(new QPushButton(tr("New"), this))
    , m_duplicate(new QPushButton(tr("Duplicate"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
    , m_share(new QPushButton(tr("Share…"), this))
    , m_view(new DashboardView(runner, role, Directory(db).branches(), this))
{
    setObjectName(QStringLiteral("dashboardsPage"));
    m_list->setObjectName(QStringLiteral("dashboardList"));
    m_new->setToolTip(tr("A new, empty dashboard of your own"));
    m_duplicate->setToolTip(tr("A copy of this dashboard that you can change"));
    m_share->setObjectName(QStringLiteral("shareDashboard"));
    m_share->setToolTip(tr("Let roles or branches see this dashboard, read-only"));
    m_share->setVisible(m_repository.mayShareWithRoles()
                        || !m_repository.shareableBranches().isEmpty());
    m_share->setEnabled(false);
    auto *left = new QWidget(this);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_duplicate);
    buttons->addWidget(m_delete);
    buttons->addWidget(m_share);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 0, 6);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addLayout(buttons);
    auto *split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(m_view);
    split->setStretchFactor(1, 1);
    split->setSizes({ 240, 1000 });
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_list, &QListWidget::currentItemChanged, this,
            [this](QListWidgetItem *item) { choose(item); });
    connect(m_new, &QPushButton::clicked, this, &DashboardsPage::newDashboard);
    connect(m_duplicate, &QPushButton::clicked, this, &DashboardsPage::duplicateDashboard);
    connect(m_delete, &QPushButton::clicked, this, &DashboardsPage::deleteDashboard);
    connect(m_share, &QPushButton::clicked, this, &DashboardsPage::shareDashboard);
    connect(m_view, &DashboardView::saveRequested, this,
            [this](const DashboardDefinition &definition) { save(definition, true); });
    connect(m_view, &DashboardView::customerOpened, this, &DashboardsPage::customerOpened);
    fill();
}

void DashboardsPage::refresh()
{
    // A dashboard being changed stays as it is on screen; the list still updates.
    fill();
}

void DashboardsPage::fill()
{
    const QString keep = m_currentId;
    QSignalBlocker blocker(m_list);
    m_list->clear();
    m_definitions.clear();
    m_problems.clear();
    m_readOnly.clear();
    StoreError error;
    const QList<SavedDashboard> mine = m_repository.mine(&error);
    addHeading(tr("My dashboards"));
    for (const SavedDashboard &saved : mine)
        addEntry(saved.definition, saved.pending ? tr("waiting to sync") : QString(), saved.problem);
    const QList<SavedDashboard> shared = m_repository.sharedWithMe(&error);
    if (!shared.isEmpty())
        addHeading(tr("Shared with me"));
    for (const SavedDashboard &saved : shared) {
        m_readOnly.insert(saved.definition.id);
        addEntry(saved.definition, tr("read-only"), saved.problem);
    }
    addHeading(tr("Built in"));
    for (const DashboardDefinition &builtIn : BuiltInDashboards::forRole(m_role))
        addEntry(builtIn, QString());
    if (!error.message.isEmpty())
        m_view->setNotice(error.message);
    blocker.unblock();
    if (keep.isEmpty() || !showDashboard(keep)) {
        // The first dashboard there is: one's own, else the first built-in one.
        for (int i = 0; i < m_list->count(); ++i) {
            if (m_list->item(i)->flags() & Qt::ItemIsSelectable) {
                m_list->setCurrentRow(i);
                break;
            }
        }
    }
}

void DashboardsPage::addHeading(const QString &text)
{
    auto *item = new QListWidgetItem(text, m_list);
    item->setFlags(Qt::NoItemFlags);
    // A heading, not a disabled entry: in the text colour, not greyed.
    item->setForeground(palette().brush(QPalette::WindowText));
    QFont bold = item->font();
    bold.setBold(true);
    item->setFont(bold);
}

void DashboardsPage::addEntry(const DashboardDefinition &definition, const QString &suffix,
                              const QString &problem)
{
    QString text = QStringLiteral("    ") + definition.name;
    if (!suffix.isEmpty())
        text += QStringLiteral(" (") + suffix + QLatin1Char(')');
    auto *item = new QListWidgetItem(text, m_list);
    item->setData(IdRole, definition.id);
    item->setToolTip(problem);
    m_definitions.insert(definition.id, definition);
    if (!problem.isEmpty())
        m_problems.insert(definition.id, problem);
}

bool DashboardsPage::showDashboard(const QString &id)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(IdRole).toString() == id) {
            if (m_list->currentRow() == i)
                choose(m_list->item(i));
            else
                m_list->setCurrentRow(i);
            return m_currentId == id;
        }
    }
    return false;
}

bool DashboardsPage::mayLeave()
{
    if (!m_view->document()->isModified())
        return true;
    // Nothing is thrown away without asking, and a question would block: say what to do.
    m_view->setNotice(tr("Save or undo the changes to this dashboard first."));
    return false;
}

void DashboardsPage::choose(QListWidgetItem *item)
{
    const QString id = item ? item->data(IdRole).toString() : QString();
    if (id.isEmpty() || (id == m_currentId && !m_view->document()->isModified()
                         && m_view->document()->definition().id == id)) {
        m_duplicate->setEnabled(!m_currentId.isEmpty());
        return;
    }
    if (!m_currentId.isEmpty() && id != m_currentId && !mayLeave()) {
        const QSignalBlocker blocker(m_list);
        showDashboard(m_currentId);
        return;
    }
    m_currentId = id;
    const DashboardDefinition definition = m_definitions.value(id);
    const bool readOnly = definition.builtIn || m_readOnly.contains(id) || m_problems.contains(id);
    m_view->showDashboard(definition, readOnly);
    if (m_problems.contains(id))
        m_view->setNotice(m_problems.value(id));
    m_delete->setEnabled(!definition.builtIn && !m_readOnly.contains(id));
    m_duplicate->setEnabled(!m_problems.contains(id));
    m_share->setEnabled(mayShare(id));
}

void DashboardsPage::newDashboard()
{
    if (!mayLeave())
        return;
    DashboardDefinition definition;
    definition.name = tr("New dashboard");
    definition.ownerId = m_userId;
    if (save(definition, false))
        m_view->setEditing(true);
}

void DashboardsPage::duplicateDashboard()
{
    if (!mayLeave() || !m_definitions.contains(m_currentId))
        return;
    DashboardDefinition copy = m_definitions.value(m_currentId);
    copy.id.clear();
    copy.builtIn = false;
    copy.ownerId = m_userId;
    copy.sharedRoles.clear();
    copy.sharedBranches.clear();
    copy.name = tr("Copy of %1").arg(copy.name).left(DashboardDefinition::kMaxNameLength);
    save(copy, false);
}

void DashboardsPage::deleteDashboard()
{
    const DashboardDefinition definition = m_definitions.value(m_currentId);
    if (definition.builtIn || m_readOnly.contains(m_currentId) || m_currentId.isEmpty())
        return;
    const SaveResult result = m_repository.remove(m_currentId);
    if (!result) {
        m_view->setNotice(result.firstMessage());
        return;
    }
    m_view->document()->load(DashboardDefinition());
    m_currentId.clear();
    fill();
    emit pendingEditsChanged();
}

bool DashboardsPage::mayShare(const QString &id) const
{
    const DashboardDefinition definition = m_definitions.value(id);
    return !id.isEmpty() && !definition.builtIn && !m_readOnly.contains(id)
            && !m_problems.contains(id)
            && (m_repository.mayShareWithRoles() || !m_repository.shareableBranches().isEmpty());
}

void DashboardsPage::shareDashboard()
{
    if (!mayShare(m_currentId) || !mayLeave())
        return;
    DashboardDefinition definition = m_definitions.value(m_currentId);
    const QStringList shareable = m_repository.shareableBranches();
    QList<DirectoryEntry> branches;
    for (const DirectoryEntry &branch : Directory(m_db).branches())
        if (shareable.contains(branch.id))
            branches << branch;
    ShareDashboardDialog dialog(definition.name, branches, m_repository.mayShareWithRoles(),
                                this);
    dialog.setShared(definition.sharedRoles, definition.sharedBranches);
    if (dialog.exec() != QDialog::Accepted)
        return;
    definition.sharedRoles = dialog.roles();
    definition.sharedBranches = dialog.branches();
    save(definition, true);
}

bool DashboardsPage::save(DashboardDefinition definition, bool shown)
{
    definition.builtIn = false;
    const SaveResult result = m_repository.save(definition);
    if (!result) {
        m_view->setNotice(result.firstMessage());
        return false;
    }
    if (shown) {
        // The dashboard on screen was saved: it stays as it is, its history too.
        m_view->document()->markSaved(definition);
        m_currentId = definition.id;
        fill();
    } else {
        // A new one or a copy: shown in place of the one before.
        fill();
        showDashboard(definition.id);
    }
    emit pendingEditsChanged();
    return true;
}

} // namespace branchline
