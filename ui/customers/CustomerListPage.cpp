// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerListPage.h"

#include "CustomerFilterBar.h"
#include "NewCustomerDialog.h"
#include "PendingMarkerDelegate.h"
#include "SavedCustomerFilters.h"
#include "itemmodels/CustomerCounter.h"
#include "itemmodels/CustomerListModel.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace branchline {

namespace {

// Long enough that a word typed at speed is one search, short enough to feel instant.
constexpr int searchDelayMs = 150;

const QString headerKey = QStringLiteral("customerList/header");

} // namespace

CustomerListPage::CustomerListPage(const QSqlDatabase &db, Role viewer, const QString &userId,
                                   QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_userId(userId)
    , m_model(new CustomerListModel(db, viewer, this))
{
    setObjectName(QStringLiteral("CustomerListPage"));

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(
            tr("Search names, addresses and notes, or a full ID, credit code or mobile number"));

    m_savedMenu = new QMenu(this);
    m_savedButton = new QToolButton(this);
    m_savedButton->setObjectName(QStringLiteral("savedFilters"));
    m_savedButton->setText(tr("Saved filters"));
    m_savedButton->setPopupMode(QToolButton::InstantPopup);
    m_savedButton->setMenu(m_savedMenu);
    connect(m_savedMenu, &QMenu::aboutToShow, this, &CustomerListPage::rebuildSavedFiltersMenu);

    auto *newButton = new QPushButton(tr("New customer"), this);
    newButton->setObjectName(QStringLiteral("newCustomer"));
    connect(newButton, &QPushButton::clicked, this, &CustomerListPage::newCustomer);

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_savedButton);
    top->addWidget(newButton);

    m_filters = new CustomerFilterBar(db, this);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("customerTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setTabKeyNavigation(false);
    m_table->setItemDelegateForColumn(
            CustomerListModel::Name,
            new PendingMarkerDelegate(CustomerListModel::PendingRole, m_table));
    // A million rows scroll smoothly only if no row is ever measured: one fixed height.
    QHeaderView *rows = m_table->verticalHeader();
    rows->setVisible(false);
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 10);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setSectionsClickable(true);
    columns->setSortIndicatorShown(true);
    columns->setSortIndicator(CustomerListModel::Name, Qt::AscendingOrder);
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    fitColumns();
    columns->restoreState(QSettings().value(headerKey).toByteArray());
    columns->setSortIndicator(CustomerListModel::Name, Qt::AscendingOrder); // the model's start
    connect(columns, &QHeaderView::sectionClicked, this, &CustomerListPage::onHeaderClicked);
    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex &index) { openRow(index.row()); });

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    // What the amber dot means, said where the dots are.
    auto *legendIcon = new QLabel(this);
    const int side = fontMetrics().height() * 3 / 4;
    legendIcon->setPixmap(PendingMarkerDelegate::pendingIcon().pixmap(side, side));
    auto *legend = new QLabel(tr("changed here, waiting for the server"), this);
    legend->setObjectName(QStringLiteral("pendingLegend"));
    legend->setForegroundRole(QPalette::PlaceholderText);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("notice"));
    m_notice->setForegroundRole(QPalette::PlaceholderText);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_countLabel);
    bottom->addSpacing(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 2);
    bottom->addWidget(legendIcon);
    bottom->addWidget(legend);
    bottom->addStretch(1);
    bottom->addWidget(m_notice);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_filters);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);

    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(searchDelayMs);
    connect(m_searchDelay, &QTimer::timeout, this, &CustomerListPage::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &CustomerListPage::openFromSearch);
    connect(m_filters, &CustomerFilterBar::filterChanged, this, &CustomerListPage::applyFilter);

    // Counting every match can read the whole store; it starts once the first page is on
    // screen and goes on in slices between keystrokes, so typing never waits for it.
    m_counter = new CustomerCounter(db, this);
    m_countDelay = new QTimer(this);
    m_countDelay->setSingleShot(true);
    m_countDelay->setInterval(0);
    connect(m_countDelay, &QTimer::timeout, this, [this] { m_counter->start(m_model->filter()); });
    connect(m_counter, &CustomerCounter::progress, this, [this](qint64 soFar) {
        m_countLabel->setText(tr("Counting… %1 so far").arg(QLocale().toString(soFar)));
    });
    connect(m_counter, &CustomerCounter::finished, this,
            [this] { m_countLabel->setText(countText()); });
    connect(m_counter, &CustomerCounter::failed, this, [this](const QString &message) {
        m_countLabel->clear();
        showNotice(message);
    });
    connect(m_model, &CustomerListModel::loadFailed, this, &CustomerListPage::showNotice);

    m_searchAction = new QAction(tr("Find customers"), this);
    m_searchAction->setShortcut(QKeySequence::Find);
    m_searchAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_searchAction, &QAction::triggered, this, &CustomerListPage::focusSearch);
    addAction(m_searchAction);
    m_newAction = new QAction(tr("New customer…"), this);
    m_newAction->setShortcut(QKeySequence::New);
    m_newAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_newAction, &QAction::triggered, this, &CustomerListPage::newCustomer);
    addAction(m_newAction);

    setFocusProxy(m_search);
    applyFilter();
}

void CustomerListPage::fitColumns()
{
    // Widths from what the columns hold (every label of an enum column, a long city,
    // branch and date) rather than from the rows: measuring rows would read them all.
    const QFontMetrics metrics = m_table->fontMetrics();
    const int padding = metrics.horizontalAdvance(QLatin1Char('M')) * 2;
    auto fit = [&](int column, QStringList samples) {
        samples << m_model->headerData(column, Qt::Horizontal).toString();
        int width = 0;
        for (const QString &sample : std::as_const(samples))
            width = qMax(width, metrics.horizontalAdvance(sample));
        m_table->setColumnWidth(column, width + padding);
    };
    auto labels = [](auto values) {
        QStringList texts;
        for (const auto value : values)
            texts << RecordEnums::label(value);
        return texts;
    };
    fit(CustomerListModel::Kind, labels(RecordEnums::all<CustomerKind>()));
    fit(CustomerListModel::Status, labels(RecordEnums::all<CustomerStatus>()));
    fit(CustomerListModel::Risk, labels(RecordEnums::all<RiskLevel>()));
    fit(CustomerListModel::Kyc, labels(RecordEnums::all<KycStatus>()));
    fit(CustomerListModel::City, { QStringLiteral("呼和浩特") });
    fit(CustomerListModel::Phone, { QStringLiteral("138****5678") });
    fit(CustomerListModel::Owner, { QStringLiteral("欧阳建华") });
    fit(CustomerListModel::Branch, { QStringLiteral("苏州工业园区支行") });
    fit(CustomerListModel::Updated,
        { QLocale().toString(QDateTime(QDate(2026, 12, 28), QTime(23, 59)),
                             QLocale::ShortFormat) });
    // The name matters most: wide enough for a typical company name even in a narrow
    // window (the table scrolls sideways then), and the last column takes what is left.
    fit(CustomerListModel::Name, { QStringLiteral("杭州西湖龙井茶叶有限公司") });
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setMinimumSectionSize(metrics.horizontalAdvance(QLatin1Char('M')) * 3);
}

void CustomerListPage::applyFilter()
{
    m_searchDelay->stop();
    CustomerFilter filter = m_filters->filter();
    filter.text = m_search->text();
    m_model->setFilter(filter);
    m_table->scrollToTop();
    // The last count stays up until the new one is ready, a moment later.
    m_countDelay->start();
}

QString CustomerListPage::countText() const
{
    const qint64 total = m_counter->total();
    if (total < 0)
        return QString();
    if (total == 1)
        return tr("1 customer");
    return tr("%1 customers").arg(QLocale().toString(total));
}

void CustomerListPage::refresh()
{
    // Sync rounds call this while someone may be reading row 3,000: the rows held before
    // are loaded again (a page costs about a millisecond) and the view stays where it was.
    auto idAt = [this](int row) {
        return row < 0 ? QString()
                       : m_model->index(row, CustomerListModel::Name)
                                 .data(CustomerListModel::IdRole)
                                 .toString();
    };
    const QString selectedId = idAt(m_table->currentIndex().row());
    const QString topId = idAt(m_table->rowAt(0));
    const int held = m_model->rowCount();
    m_filters->reloadChoices();
    m_model->reload();
    while (m_model->rowCount() < held && m_model->canFetchMore(QModelIndex()))
        m_model->fetchMore(QModelIndex());
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString id = idAt(row);
        const QModelIndex index = m_model->index(row, CustomerListModel::Name);
        if (!selectedId.isEmpty() && id == selectedId)
            m_table->selectionModel()->setCurrentIndex(
                    index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        if (!topId.isEmpty() && id == topId)
            m_table->scrollTo(index, QAbstractItemView::PositionAtTop);
    }
    m_countDelay->start();
}

void CustomerListPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void CustomerListPage::focusTable()
{
    m_table->setFocus(Qt::OtherFocusReason);
    if (!m_table->currentIndex().isValid() && m_model->rowCount() > 0)
        m_table->setCurrentIndex(m_model->index(0, CustomerListModel::Name));
}

void CustomerListPage::onHeaderClicked(int section)
{
    // Only the two orders that have an index to page over; any other header click puts the
    // indicator back where the rows really are sorted.
    if (section == CustomerListModel::Name || section == CustomerListModel::Updated)
        m_model->sort(section);
    const bool byName = m_model->sortOrder() == CustomerSort::ByName;
    m_table->horizontalHeader()->setSortIndicator(
            byName ? CustomerListModel::Name : CustomerListModel::Updated,
            byName ? Qt::AscendingOrder : Qt::DescendingOrder);
    QSettings().setValue(headerKey, m_table->horizontalHeader()->saveState());
}

void CustomerListPage::openRow(int row)
{
    const QString id =
            m_model->index(row, CustomerListModel::Name).data(CustomerListModel::IdRole).toString();
    if (!id.isEmpty())
        emit customerActivated(id);
}

void CustomerListPage::openFromSearch()
{
    applyFilter();
    if (m_model->rowCount() == 1) {
        openRow(0);
    } else if (m_model->rowCount() > 1) {
        m_table->setFocus(Qt::OtherFocusReason);
        m_table->setCurrentIndex(m_model->index(0, CustomerListModel::Name));
    }
}

void CustomerListPage::newCustomer()
{
    // Open, not exec: the event loop keeps running (sync, tests) while the dialog is up.
    auto *dialog = new NewCustomerDialog(m_db, m_userId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString id = dialog->createdId();
        emit pendingEditsChanged();
        refresh();
        emit customerActivated(id);
    });
    dialog->open();
}

void CustomerListPage::saveCurrentFilterAs(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return;
    CustomerFilter filter = m_filters->filter();
    filter.text = m_search->text().trimmed();
    const auto outcome = SavedCustomerFilters(m_userId).save(trimmed, filter);
    showNotice(outcome == SavedCustomerFilters::Outcome::SavedWithoutSearchText
                       ? tr("Saved \"%1\" without the search text: an ID, credit code or "
                            "mobile number is personal information and is not kept in settings.")
                                 .arg(trimmed)
                       : tr("Saved the filter \"%1\".").arg(trimmed));
}

void CustomerListPage::applySavedFilter(const QString &name)
{
    const std::optional<CustomerFilter> saved = SavedCustomerFilters(m_userId).find(name);
    if (!saved)
        return;
    const QSignalBlocker blockSearch(m_search);
    m_search->setText(saved->text);
    const QSignalBlocker blockFilters(m_filters);
    m_filters->setFilter(*saved);
    applyFilter();
    showNotice(QString());
}

void CustomerListPage::deleteSavedFilter(const QString &name)
{
    SavedCustomerFilters(m_userId).remove(name);
    showNotice(tr("Deleted the filter \"%1\".").arg(name));
}

void CustomerListPage::rebuildSavedFiltersMenu()
{
    m_savedMenu->clear();
    QAction *save = m_savedMenu->addAction(tr("Save current filter…"));
    connect(save, &QAction::triggered, this, &CustomerListPage::askForFilterName);
    const QList<SavedCustomerFilter> saved = SavedCustomerFilters(m_userId).all();
    if (saved.isEmpty())
        return;
    m_savedMenu->addSeparator();
    for (const SavedCustomerFilter &entry : saved) {
        const QString name = entry.name;
        connect(m_savedMenu->addAction(name), &QAction::triggered, this,
                [this, name] { applySavedFilter(name); });
    }
    m_savedMenu->addSeparator();
    QMenu *remove = m_savedMenu->addMenu(tr("Delete"));
    for (const SavedCustomerFilter &entry : saved) {
        const QString name = entry.name;
        connect(remove->addAction(name), &QAction::triggered, this,
                [this, name] { deleteSavedFilter(name); });
    }
}

void CustomerListPage::askForFilterName()
{
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("filterNameDialog"));
    dialog->setWindowTitle(tr("Save filter"));
    dialog->setLabelText(tr("Name of this filter:"));
    connect(dialog, &QInputDialog::textValueSelected, this, &CustomerListPage::saveCurrentFilterAs);
    dialog->open();
}

void CustomerListPage::showNotice(const QString &text)
{
    m_notice->setText(text);
}

} // namespace branchline
