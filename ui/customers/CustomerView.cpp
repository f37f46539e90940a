// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerView.h"

#include "CustomerApprovalsPanel.h"
#include "CustomerHeader.h"
#include "CustomerProfileForm.h"
#include "CustomerTimelinePanel.h"
#include "MerchantTabs.h"
#include "OverdueTaskDelegate.h"
#include "RequestChangeDialog.h"
#include "Tones.h"
#include "itemmodels/ContactListModel.h"
#include "itemmodels/LeadListModel.h"
#include "itemmodels/TaskListModel.h"
#include "repositories/CustomerRepository.h"
#include "repositories/Directory.h"
#include "repositories/Outbox.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace branchline {

namespace {

const QString customersTable = QStringLiteral("customers");

// "Contacts (3)"; "200+" when the list holds more than its first page.
QString titleWithCount(const QString &title, const QAbstractItemModel *model)
{
    const int rows = model->rowCount();
    if (rows == 0)
        return title;
    const QString count = model->canFetchMore(QModelIndex())
            ? QLocale().toString(rows) + QLatin1Char('+')
            : QLocale().toString(rows);
    return CustomerView::tr("%1 (%2)").arg(title, count);
}

} // namespace

CustomerView::CustomerView(const QSqlDatabase &db, Role viewer, const QString &userId,
                           QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_userId(userId)
{
    setObjectName(QStringLiteral("CustomerView"));
    // Focus on the view itself when it opens, so its shortcuts (Ctrl+S, Esc) work at once.
    setFocusPolicy(Qt::ClickFocus);
    m_header = new CustomerHeader(this);

    m_form = new CustomerProfileForm(db, viewer);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("profileScroll"));
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_save = new QPushButton(tr("Save"), this);
    m_save->setObjectName(QStringLiteral("save"));
    m_save->setEnabled(false);
    m_discard = new QPushButton(tr("Discard changes"), this);
    m_discard->setObjectName(QStringLiteral("discard"));
    m_discard->setEnabled(false);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("saveMessage"));
    m_message->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addWidget(m_discard);
    buttons->addWidget(m_message, 1);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(scroll, 1);
    leftLayout->addLayout(buttons);
    // The profile scrolls down, never sideways: the panel is never narrower than the form.
    left->setMinimumWidth(m_form->minimumSizeHint().width()
                          + scroll->verticalScrollBar()->sizeHint().width());

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("customerTabs"));
    m_timeline = new CustomerTimelinePanel(db, userId, m_tabs);
    m_tabs->addTab(m_timeline, tr("Timeline"));
    m_contacts = new ContactListModel(db, viewer, this);
    addList(QStringLiteral("contacts"), tr("Contacts"), m_contacts);
    m_tasks = new TaskListModel(db, this);
    QTableView *tasks = addList(QStringLiteral("tasks"), tr("Tasks", "the open tasks tab"), m_tasks);
    tasks->setItemDelegate(new OverdueTaskDelegate(TaskListModel::OverdueRole, tasks));
    m_leads = new LeadListModel(db, viewer, this);
    addList(QStringLiteral("leads"), tr("Leads"), m_leads);
    m_merchantTabs = new MerchantTabs(m_tabs, db, viewer, userId);
    connect(m_merchantTabs, &MerchantTabs::checklistMoved, this,
            &CustomerView::pendingEditsChanged);
    m_approvals = new CustomerApprovalsPanel(db, userId, m_tabs);
    m_tabs->addTab(m_approvals, tr("Approvals"));
    connect(m_approvals, &CustomerApprovalsPanel::changeRequested, this,
            &CustomerView::requestChange);
    connect(m_approvals, &CustomerApprovalsPanel::requestOpened, this,
            &CustomerView::approvalOpened);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("customerSplitter"));
    splitter->addWidget(left);
    splitter->addWidget(m_tabs);
    // The profile keeps the width it needs; the tabs (eight of them, with counts) take the
    // rest, so their titles fit without scroll buttons on a 1280-pixel screen.
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(splitter, 1);

    m_saveAction = new QAction(tr("Save customer"), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_saveAction, &QAction::triggered, this, &CustomerView::save);
    addAction(m_saveAction);
    auto *back = new QAction(tr("Back to the list"), this);
    back->setShortcut(Qt::Key_Escape);
    back->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(back, &QAction::triggered, this, &CustomerView::requestBack);
    addAction(back);

    connect(m_save, &QPushButton::clicked, this, &CustomerView::save);
    connect(m_discard, &QPushButton::clicked, this, &CustomerView::discardChanges);
    connect(m_form, &CustomerProfileForm::changed, this, [this] {
        m_save->setEnabled(true);
        m_discard->setEnabled(true);
        m_backWarned = false;
        setMessage(QString(), false);
    });
    connect(m_timeline, &CustomerTimelinePanel::logged, this, [this] {
        showCustomer(true); // the header's pending marker
        emit pendingEditsChanged();
    });
}

QTableView *CustomerView::addList(const QString &objectName, const QString &title,
                                  QAbstractItemModel *model)
{
    auto *table = new QTableView(m_tabs);
    table->setObjectName(objectName);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    // One customer's contacts, tasks and leads are a page at most, so measuring them is
    // cheap (unlike the whole customer list); the first column takes the rest.
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->setProperty("tabTitle", title);
    m_tabs->addTab(table, title);
    return table;
}

bool CustomerView::openCustomer(const QString &customerId)
{
    m_customerId = customerId;
    m_backWarned = false;
    setMessage(QString(), false);
    m_form->hideRevealed(); // a full value is shown for one look at one customer
    showCustomer(false);
    loadLists();
    m_tabs->setCurrentIndex(0);
    return m_form->isEnabled();
}

void CustomerView::showCustomer(bool keepEdits)
{
    StoreError error;
    const std::optional<Customer> customer = CustomerRepository(m_db).find(m_customerId, &error);
    if (!customer) {
        m_form->setEnabled(false);
        setMessage(error.message.isEmpty() ? tr("This customer is no longer on this computer.")
                                           : error.message,
                   true);
        return;
    }
    m_form->setEnabled(true);
    const Directory directory(m_db);
    const bool pending = Outbox(m_db).hasPending(customersTable, m_customerId);
    m_header->setCustomer(*customer, directory.userName(customer->ownerId),
                          directory.branchName(customer->branchId), pending);
    m_merchantTabs->show(*customer);
    if (!keepEdits || !m_form->isDirty()) {
        m_form->load(*customer);
        m_save->setEnabled(false);
        m_discard->setEnabled(false);
    }
}

void CustomerView::loadLists()
{
    m_timeline->setCustomer(m_customerId);
    m_contacts->setCustomer(m_customerId);
    TaskFilter tasks;
    tasks.relatedId = m_customerId;
    tasks.status = TaskStatus::Open;
    m_tasks->setFilter(tasks);
    LeadFilter leads;
    leads.customerId = m_customerId;
    leads.customerPhone = m_form->edited().phone;
    m_leads->setFilter(leads);
    m_approvals->setCustomer(m_customerId);
    for (int i = 1; i < m_tabs->count(); ++i) {
        auto *table = qobject_cast<QTableView *>(m_tabs->widget(i));
        if (!table)
            continue; // a panel of its own (MerchantTabs) titles itself
        m_tabs->setTabText(i,
                           titleWithCount(table->property("tabTitle").toString(), table->model()));
    }
}

bool CustomerView::hasUnsavedChanges() const
{
    return m_form->isDirty();
}

bool CustomerView::save()
{
    if (m_customerId.isEmpty())
        return false;
    if (!m_form->isDirty()) {
        setMessage(tr("No changes to save."), false);
        return true;
    }
    CustomerRepository customers(m_db);
    StoreError error;
    const std::optional<Customer> stored = customers.find(m_customerId, &error);
    if (!stored) {
        setMessage(tr("Nothing was saved: %1").arg(error.message), true);
        return false;
    }
    Customer edited = m_form->applyEdits(*stored);
    const SaveResult result = customers.update(edited);
    if (!result) {
        const FieldIssues elsewhere = m_form->showIssues(result.issues);
        QStringList lines{ result.issues.isEmpty()
                                   ? tr("Nothing was saved: %1").arg(result.error.message)
                                   : tr("Nothing was saved: fix the marked "
                                        "fields.") };
        for (const FieldIssue &issue : elsewhere)
            lines << issue.message;
        setMessage(lines.join(QLatin1Char('\n')), true);
        return false;
    }
    m_form->clearIssues();
    showCustomer(false);
    setMessage(tr("Saved on this computer; it goes to the server with the next sync."), false);
    emit customerSaved(m_customerId);
    emit pendingEditsChanged();
    return true;
}

void CustomerView::discardChanges()
{
    showCustomer(false);
    setMessage(QString(), false);
}

void CustomerView::refresh()
{
    if (m_customerId.isEmpty())
        return;
    m_form->reloadChoices();
    showCustomer(true);
    loadLists();
}

void CustomerView::setOnline(bool online)
{
    m_form->setOnline(online);
}

void CustomerView::setRevealService(PiiRevealService *service)
{
    m_form->setRevealService(service);
}

void CustomerView::requestBack()
{
    if (m_form->isDirty() && !m_backWarned) {
        m_backWarned = true;
        setMessage(tr("You have unsaved changes: press Ctrl+S to save them, or Esc again to "
                      "throw them away."),
                   true);
        return;
    }
    if (m_form->isDirty())
        discardChanges();
    m_backWarned = false;
    m_form->hideRevealed();
    emit backRequested();
}

void CustomerView::requestChange()
{
    StoreError error;
    const std::optional<Customer> customer = CustomerRepository(m_db).find(m_customerId, &error);
    if (!customer)
        return;
    auto *dialog = new RequestChangeDialog(m_db, m_userId, *customer, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_approvals->refresh();
        setMessage(tr("Request saved on this computer; it goes to the server with the next "
                      "sync."),
                   false);
        emit pendingEditsChanged();
        emit approvalRequested(dialog->requestId());
    });
    dialog->open();
}

void CustomerView::setMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    if (problem)
        Tones::setTextTone(m_message, Tone::Error);
    else
        Tones::clearTextTone(m_message);
}

} // namespace branchline
