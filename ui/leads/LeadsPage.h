// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/records/RecordEnums.h"
#include "domain/rules/Role.h"

#include <QSqlDatabase>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace branchline {

class LeadBoard;
class LeadListModel;

// The Leads section: the board by status and the list, one search box over both, and
// converting a lead into a customer. Every change is saved on this computer at once (with
// its outbox row) and marked pending until the server confirms it.
class LeadsPage : public QWidget
{
    Q_OBJECT

public:
    LeadsPage(const QSqlDatabase &db, Role viewer, const QString &userId,
              QWidget *parent = nullptr);

    LeadBoard *board() const { return m_board; }
    QTableView *list() const { return m_list; }
    bool isShowingBoard() const;
    void showBoard(bool board);
    // The selected lead on the board or in the list; empty when none.
    QString currentLeadId() const;
    QAction *searchAction() const { return m_searchAction; }

public slots:
    // After a sync round pulled rows or another page saved an edit.
    void refresh();
    // What a drop on a column means: "lost" asks why, "converted" converts, anything else
    // moves the lead at once.
    void moveLead(const QString &leadId, LeadStatus to);
    // Opens the conversion dialog for a lead.
    void convertLead(const QString &leadId);

signals:
    // An edit was saved on this computer and waits in the outbox (the app syncs soon).
    void pendingEditsChanged();
    // The customer to show in its 360° view: the one a lead was just converted into, or
    // that a converted lead was opened for.
    void customerOpened(const QString &customerId);

private:
    QWidget *buildToolbar();
    void buildList(const QSqlDatabase &db, Role viewer);
    void applyFilter();
    void updateActions();
    void openLead(const QString &leadId);
    void showMenu(const QString &leadId, const QPoint &globalPos);
    void showNotice(const QString &text);
    void saved();

    QSqlDatabase m_db;
    Role m_viewer;
    QString m_userId;
    LeadBoard *m_board = nullptr;
    LeadListModel *m_listModel = nullptr;
    QTableView *m_list = nullptr;
    QStackedWidget *m_views = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer *m_searchDelay = nullptr;
    QToolButton *m_boardButton = nullptr;
    QToolButton *m_listButton = nullptr;
    QPushButton *m_convert = nullptr;
    QLabel *m_notice = nullptr;
    QAction *m_searchAction = nullptr;
};

} // namespace branchline
