// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/DashboardRepository.h"
#include "domain/rules/Role.h"

#include <QSqlDatabase>
#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace branchline {

class DashboardView;
class QueryRunner;

// The Dashboards section: the list (my dashboards, those shared with me read-only, the
// built-in ones for my role) and the chosen dashboard. New, Duplicate (a copy of any of
// them becomes mine to change) and Delete; saving goes through DashboardRepository, so it
// works offline and shows as waiting to sync until the server has it.
class DashboardsPage : public QWidget
{
    Q_OBJECT

public:
    DashboardsPage(const QSqlDatabase &db, Role role, const QString &userId, QueryRunner *runner,
                   QWidget *parent = nullptr);

    DashboardView *view() const { return m_view; }
    QListWidget *list() const { return m_list; }
    // Shows the dashboard with this id; false when the list has none.
    bool showDashboard(const QString &id);
    QString currentId() const { return m_currentId; }

public slots:
    // After a sync round: shared and saved dashboards may have come or gone.
    void refresh();
    void newDashboard();
    void duplicateDashboard();
    void deleteDashboard();
    // Share… (an administrator's or a manager's own dashboard): roles and branches that then
    // see it read-only.
    void shareDashboard();

signals:
    void customerOpened(const QString &customerId);
    void pendingEditsChanged();

private:
    void fill();
    void addHeading(const QString &text);
    void addEntry(const DashboardDefinition &definition, const QString &suffix,
                  const QString &problem = QString());
    void choose(QListWidgetItem *item);
    // `shown`: the dashboard on screen; otherwise a new one or a copy, shown once saved.
    bool save(DashboardDefinition definition, bool shown);
    bool mayLeave();
    bool mayShare(const QString &id) const;

    QSqlDatabase m_db;
    Role m_role;
    QString m_userId;
    DashboardRepository m_repository;
    QListWidget *m_list;
    QPushButton *m_new;
    QPushButton *m_duplicate;
    QPushButton *m_delete;
    QPushButton *m_share;
    DashboardView *m_view;
    QHash<QString, DashboardDefinition> m_definitions; // by id, what the list holds
    QHash<QString, QString> m_problems; // saved dashboards whose layout could not be read
    QSet<QString> m_readOnly;
    QString m_currentId;
};

} // namespace branchline
