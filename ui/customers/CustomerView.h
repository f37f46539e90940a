// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/Role.h"

#include <QSqlDatabase>
#include <QWidget>

class QAbstractItemModel;
class QAction;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace branchline {

class ContactListModel;
class CustomerApprovalsPanel;
class CustomerHeader;
class CustomerProfileForm;
class CustomerTimelinePanel;
class LeadListModel;
class MerchantTabs;
class PiiRevealService;
class TaskListModel;

// The 360° customer view: the header, the profile (masked and editable as the role allows,
// checked by RecordValidator on save), the timeline with quick logging, contacts, open tasks,
// related leads and the merchant detail (MerchantTabs: terms and terminals, volume, the KYC
// checklist). Ctrl+S saves; Esc asks to go back (twice when there are unsaved edits).
class CustomerView : public QWidget
{
    Q_OBJECT

public:
    CustomerView(const QSqlDatabase &db, Role viewer, const QString &userId,
                 QWidget *parent = nullptr);

    // Shows a customer; false (and a message) when it is not in the store.
    bool openCustomer(const QString &customerId);
    QString customerId() const { return m_customerId; }
    bool hasUnsavedChanges() const;
    QAction *saveAction() const { return m_saveAction; }
    CustomerTimelinePanel *timeline() const { return m_timeline; }
    MerchantTabs *merchantTabs() const { return m_merchantTabs; }
    CustomerApprovalsPanel *approvals() const { return m_approvals; }

public slots:
    // Writes the edits through CustomerRepository (and so the outbox); false when a field
    // is wrong (its message is shown next to it and nothing is saved) or the store fails.
    bool save();
    // Throws the edits away and shows the stored customer again.
    void discardChanges();
    // Reads the customer and its lists again (after a sync round). Unsaved edits are kept.
    void refresh();
    // Whether the server can be reached; offline, the reveal action explains why it cannot.
    void setOnline(bool online);
    // Where the reveal action asks the server for a full value (the session).
    void setRevealService(branchline::PiiRevealService *service);
    // Esc: back to the list, unless there are unsaved edits and this is the first Esc.
    void requestBack();
    // "Request a change…": opens the request dialog for the customer shown (window-modal,
    // so the view goes on; a RequestChangeDialog child while open).
    void requestChange();

signals:
    void backRequested();
    void customerSaved(const QString &customerId);
    // An edit or activity was saved on this computer and waits in the outbox.
    void pendingEditsChanged();
    void approvalRequested(const QString &requestId);
    void approvalOpened(const QString &requestId);

private:
    void showCustomer(bool keepEdits);
    void loadLists();
    void setMessage(const QString &text, bool problem);
    QTableView *addList(const QString &objectName, const QString &title, QAbstractItemModel *model);

    QSqlDatabase m_db;
    QString m_customerId;
    CustomerHeader *m_header = nullptr;
    CustomerProfileForm *m_form = nullptr;
    CustomerTimelinePanel *m_timeline = nullptr;
    ContactListModel *m_contacts = nullptr;
    TaskListModel *m_tasks = nullptr;
    LeadListModel *m_leads = nullptr;
    MerchantTabs *m_merchantTabs = nullptr;
    CustomerApprovalsPanel *m_approvals = nullptr;
    QString m_userId;
    QTabWidget *m_tabs = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_discard = nullptr;
    QLabel *m_message = nullptr;
    QAction *m_saveAction = nullptr;
    bool m_backWarned = false;
};

} // namespace branchline
