// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "NavigationBadgeDelegate.h"
#include "AboutBox.h"
#include "PlaceholderPage.h"
#include "StatusPanel.h"
#include "ApprovalsPage.h"
#include "approvals/ApprovalNotices.h"
#include "conflicts/ConflictsPage.h"
#include "conflicts/LostRaceNotice.h"
#include "customers/CustomerView.h"
#include "customers/CustomerWorkspace.h"
#include "dashboards/DashboardsPage.h"
#include "leads/LeadsPage.h"
#include "session/Session.h"
#include "session/SessionPiiReveal.h"
#include "settings/SettingsDialog.h"
#include "itemmodels/ApprovalListModel.h"
#include "tasks/DesktopReminders.h"
#include "tasks/TaskNotifier.h"
#include "tasks/TasksPage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QStatusBar>

namespace branchline {

MainWindow::MainWindow(Session &session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Branchline — %1").arg(session.displayName()));
    buildSections();
    buildMenus();

    m_status = new StatusPanel(session, this);
    statusBar()->addPermanentWidget(m_status);
    connect(m_status, &StatusPanel::conflictsClicked, this,
            [this] { showSection(Section::Conflicts); });

    connect(&session, &Session::dataChanged, this, &MainWindow::refreshPages);
    connect(&session, &Session::onlineChanged, m_customers, &CustomerWorkspace::setOnline);
    connect(&session, &Session::signInRequired, this, &MainWindow::signInRequired);
    connect(&session, &Session::profileChanged, this, [this] {
        setWindowTitle(tr("Branchline — %1").arg(m_session.displayName()));
    });
    connect(m_customers, &CustomerWorkspace::pendingEditsChanged, &session,
            &Session::noteLocalEdit);
    connect(m_leads, &LeadsPage::pendingEditsChanged, &session, &Session::noteLocalEdit);
    // A lead just converted, or a converted one opened: its customer's 360° view.
    connect(m_leads, &LeadsPage::customerOpened, this, [this](const QString &customerId) {
        m_customers->refresh();
        showSection(Section::Customers);
        m_customers->openCustomer(customerId);
    });
    connect(m_tasks, &TasksPage::pendingEditsChanged, &session, &Session::noteLocalEdit);
    if (m_dashboards) {
        connect(m_dashboards, &DashboardsPage::pendingEditsChanged, &session,
                &Session::noteLocalEdit);
        // A record from a drill-down list: its customer's 360° view.
        connect(m_dashboards, &DashboardsPage::customerOpened, this, [this](const QString &id) {
            showSection(Section::Customers);
            m_customers->openCustomer(id);
        });
    }
    connect(m_tasks, &TasksPage::customerOpened, this, [this](const QString &customerId) {
        showSection(Section::Customers);
        m_customers->openCustomer(customerId);
    });
    m_customers->setOnline(session.isOnline());
    m_customers->setRevealService(new SessionPiiReveal(session, this));
    connectConflicts();
    connectReminders();
    connectApprovals();
    restoreWindowState();
}

void MainWindow::connectApprovals()
{
    connect(m_approvals, &ApprovalsPage::pendingEditsChanged, &m_session,
            &Session::noteLocalEdit);
    connect(m_approvals, &ApprovalsPage::openCustomerRequested, this, [this](const QString &id) {
        showSection(Section::Customers);
        m_customers->openCustomer(id);
    });
    connect(m_approvals, &ApprovalsPage::waitingCountChanged, this,
            &MainWindow::showApprovalBadge);
    connect(m_customers, &CustomerWorkspace::approvalRequested, this, [this] {
        m_session.noteLocalEdit();
        m_approvals->refresh();
    });
    connect(m_customers, &CustomerWorkspace::approvalOpened, this, [this](const QString &id) {
        m_approvals->refresh();
        showSection(Section::Approvals);
        m_approvals->showRequest(id);
    });
    showApprovalBadge(m_approvals->waitingCount());
    m_approvalNotices = std::make_unique<ApprovalNotices>(m_session.database(), m_session.userId());
    notifyApprovals();
}

void MainWindow::showApprovalBadge(int count)
{
    QListWidgetItem *item = m_navigation->item(int(Section::Approvals));
    item->setData(NavigationBadgeDelegate::CountRole, count);
    item->setToolTip(count > 0 ? tr("%n request(s) waiting for your decision", nullptr, count)
                               : QString());
}

int MainWindow::approvalsBadge() const
{
    return m_navigation->item(int(Section::Approvals))
            ->data(NavigationBadgeDelegate::CountRole)
            .toInt();
}

void MainWindow::notifyApprovals()
{
    const QList<ApprovalNotice> notices =
            m_approvalNotices->fresh(m_approvals->model()->allItems());
    m_approvalNotices->save();
    TaskNotifier *notifier = m_reminders ? m_reminders->notifier() : nullptr;
    if (!notifier)
        return;
    // A pile becomes one notification, as task reminders do.
    if (notices.size() > 2) {
        notifier->notify({ tr("Approvals"),
                           tr("%n approval update(s) for you", nullptr, int(notices.size())),
                           QString() });
        return;
    }
    for (const ApprovalNotice &notice : notices)
        notifier->notify({ notice.title, notice.message, QString() });
}

void MainWindow::connectReminders()
{
    // Task reminders in the tray (the status bar without one); clicking one opens the task.
    m_reminders =
            new DesktopReminders(m_session.database(), m_session.userId(), statusBar(), this);
    connect(m_reminders, &DesktopReminders::openRequested, this, &MainWindow::bringToFront);
    connect(m_reminders, &DesktopReminders::syncRequested, &m_session, &Session::syncNow);
    connect(m_reminders, &DesktopReminders::quitRequested, this, &QWidget::close);
    connect(m_reminders, &DesktopReminders::taskRequested, this, [this](const QString &taskId) {
        bringToFront();
        showSection(Section::Tasks);
        m_tasks->showTask(taskId);
    });
    m_reminders->start();
}

void MainWindow::bringToFront()
{
    if (isMinimized())
        showNormal();
    show();
    raise();
    activateWindow();
}

void MainWindow::connectConflicts()
{
    const auto resolvedHere = [this] {
        m_session.noteLocalEdit();
        m_session.refreshStatus();
    };
    connect(m_conflicts, &ConflictsPage::resolved, this, resolvedHere);
    connect(m_conflicts, &ConflictsPage::openCustomerRequested, this, [this](const QString &id) {
        showSection(Section::Customers);
        m_customers->openCustomer(id);
    });
    connect(m_lostRace, &LostRaceNotice::reapplied, this, [this, resolvedHere] {
        resolvedHere();
        m_conflicts->refresh();
    });
    connect(m_lostRace, &LostRaceNotice::reviewRequested, this, [this](const QString &id) {
        showSection(Section::Conflicts);
        if (!id.isEmpty())
            m_conflicts->showConflict(id);
    });
    m_lostRace->check();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildSections()
{
    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    auto *right = new QVBoxLayout;
    right->setContentsMargins(0, 0, 0, 0);
    m_lostRace = new LostRaceNotice(m_session.database(), m_session.userId(), central);
    m_pages = new QStackedWidget(central);
    right->addWidget(m_lostRace);
    right->addWidget(m_pages, 1);
    layout->addWidget(m_navigation);
    layout->addLayout(right, 1);

    m_customers = new CustomerWorkspace(m_session.database(), m_session.role(),
                                        m_session.userId(), m_pages);
    m_leads = new LeadsPage(m_session.database(), m_session.role(), m_session.userId(),
                            m_pages);
    m_tasks = new TasksPage(m_session.database(), m_session.userId(), m_pages);

    m_approvals = new ApprovalsPage(m_session.database(), m_session.role(), m_session.userId(),
                                    m_pages);
    m_conflicts = new ConflictsPage(m_session.database(), m_session.role(), m_session.userId(),
                                    m_pages);
    QWidget *dashboards = nullptr;
    if (QueryRunner *runner = m_session.queryRunner()) {
        m_dashboards = new DashboardsPage(m_session.database(), m_session.role(),
                                          m_session.userId(), runner, m_pages);
        dashboards = m_dashboards;
    } else {
        // Only a session whose store never opened has no runner; nothing to chart then.
        dashboards = new PlaceholderPage(tr("Dashboards"), tr("The local store is not open."),
                                         m_pages);
    }

    const struct
    {
        QString name;
        QWidget *page;
    } sections[] = {
        { tr("Customers"), m_customers },
        { tr("Leads"), m_leads },
        { tr("Tasks"), m_tasks },
        { tr("Approvals"), m_approvals },
        { tr("Dashboards"), dashboards },
        { tr("Conflicts"), m_conflicts },
    };
    for (const auto &section : sections) {
        m_navigation->addItem(section.name);
        m_pages->addWidget(section.page);
    }
    // As wide as the longest section name in this language, never cut off.
    m_navigation->setSpacing(3);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // The Approvals item carries a badge: its delegate makes room for it on every row.
    m_navigation->setItemDelegate(new NavigationBadgeDelegate(m_navigation));
    m_navigation->setFixedWidth(m_navigation->sizeHintForColumn(0)
                                + 2 * m_navigation->frameWidth() + 24);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages,
            &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(0);
    setCentralWidget(central);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *sync = file->addAction(tr("&Sync now"), &m_session, &Session::syncNow);
    sync->setShortcuts({ QKeySequence(Qt::Key_F5), QKeySequence(tr("Ctrl+R")) });
    file->addSeparator();
    file->addAction(tr("Sign &out"), this, &MainWindow::signOut);
    file->addAction(tr("&Remove this account from this computer…"), this,
                    &MainWindow::removeAccount);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *preferences = edit->addAction(tr("&Preferences…"), this, &MainWindow::openSettings);
    preferences->setObjectName(QStringLiteral("preferences"));
    preferences->setMenuRole(QAction::PreferencesRole);
    preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    for (int i = 0; i < m_navigation->count(); ++i) {
        QAction *action = go->addAction(m_navigation->item(i)->text(), this,
                                        [this, i] { m_navigation->setCurrentRow(i); });
        action->setShortcut(QKeySequence(QStringLiteral("Ctrl+%1").arg(i + 1)));
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Branchline"), this,
                                     [this] { AboutBox::show(this, m_session); });
    about->setObjectName(QStringLiteral("about"));
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::showSection(Section section)
{
    m_navigation->setCurrentRow(int(section));
}

MainWindow::Section MainWindow::currentSection() const
{
    return Section(m_navigation->currentRow());
}

void MainWindow::refreshPages()
{
    m_customers->refresh();
    m_leads->refresh();
    m_tasks->refresh();
    m_conflicts->refresh();
    if (m_dashboards)
        m_dashboards->refresh();
    m_lostRace->check();
    m_approvals->refresh();
    notifyApprovals();
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(LanguagePreference(), this);
    dialog.setUnsavedEdits(m_customers->isShowingCustomer()
                           && m_customers->customerView()->hasUnsavedChanges());
    if (dialog.exec() == QDialog::Accepted && dialog.languageChanged())
        emit languageChosen(LanguagePreference().language());
}

void MainWindow::signOut()
{
    QString error;
    if (!m_session.signOut(&error)) {
        QMessageBox::warning(this, tr("Sign out"), error);
        return;
    }
    m_endedSession = true;
    close();
}

void MainWindow::removeAccount()
{
    const int pending = m_session.pendingEditCount();
    QString question = tr("Remove %1's data and keys from this computer? Signing in again "
                          "downloads everything anew.")
                               .arg(m_session.displayName());
    if (pending > 0)
        question += QLatin1Char('\n')
                + tr("%n edit(s) have not reached the server yet and will be lost.", nullptr,
                     pending);
    if (QMessageBox::question(this, tr("Remove account"), question,
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        != QMessageBox::Yes)
        return;
    QString error;
    if (!m_session.removeFromComputer(&error)) {
        QMessageBox::warning(this, tr("Remove account"), error);
        return;
    }
    m_endedSession = true;
    close();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    event->accept();
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        const QSize available = screen() ? screen()->availableSize() : QSize(1280, 800);
        resize(available.width() * 3 / 4, available.height() * 3 / 4);
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
}

} // namespace branchline
