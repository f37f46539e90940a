// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

#include <memory>

class QListWidget;
class QStackedWidget;

namespace branchline {

class ApprovalNotices;
class ApprovalsPage;
class DashboardsPage;
class ConflictsPage;
class CustomerWorkspace;
class DesktopReminders;
class LeadsPage;
class LostRaceNotice;
class Session;
class StatusPanel;
class TasksPage;

// The client's main window over one signed-in Session: the sections on the left
// (Customers, Leads, Tasks, Approvals, Dashboards, Conflicts), the section's page, and the
// sync status below. Remembers its geometry; every frequent action has a shortcut.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Section { Customers, Leads, Tasks, Approvals, Dashboards, Conflicts };

    explicit MainWindow(Session &session, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showSection(Section section);
    Section currentSection() const;
    CustomerWorkspace *customers() const { return m_customers; }
    StatusPanel *statusPanel() const { return m_status; }
    TasksPage *tasks() const { return m_tasks; }
    DesktopReminders *reminders() const { return m_reminders; }
    ConflictsPage *conflicts() const { return m_conflicts; }
    ApprovalsPage *approvals() const { return m_approvals; }
    DashboardsPage *dashboards() const { return m_dashboards; }
    // The badge on the Approvals navigation item: how many wait for my decision.
    int approvalsBadge() const;
    LostRaceNotice *lostRaceNotice() const { return m_lostRace; }

    // Why the window closed: the app signs in again after a sign-out or a removal.
    bool endedSession() const { return m_endedSession; }

signals:
    // The server ended the session: the app asks for the password again.
    void signInRequired(const QString &message);
    // The person picked another interface language in the preferences (kept in the
    // settings already): MainWindowHost rebuilds the window in it.
    void languageChosen(const QString &language);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildSections();
    void buildMenus();
    void openSettings();
    void connectConflicts();
    void connectReminders();
    void connectApprovals();
    void showApprovalBadge(int count);
    // Desktop notifications for approval events new since the last look (once each).
    void notifyApprovals();
    void bringToFront();
    void refreshPages();
    void signOut();
    void removeAccount();
    void restoreWindowState();
    void saveWindowState() const;

    Session &m_session;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    CustomerWorkspace *m_customers = nullptr;
    LeadsPage *m_leads = nullptr;
    TasksPage *m_tasks = nullptr;
    DesktopReminders *m_reminders = nullptr;
    StatusPanel *m_status = nullptr;
    ConflictsPage *m_conflicts = nullptr;
    LostRaceNotice *m_lostRace = nullptr;
    ApprovalsPage *m_approvals = nullptr;
    DashboardsPage *m_dashboards = nullptr;
    std::unique_ptr<ApprovalNotices> m_approvalNotices;
    bool m_endedSession = false;
};

} // namespace branchline
