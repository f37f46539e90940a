// SPDX-License-Identifier: GPL-3.0-or-later
#include "LeadsPage.h"

#include "ConvertLeadDialog.h"
#include "Headings.h"
#include "LeadBoard.h"
#include "LostReasonDialog.h"
#include "PendingMarkerDelegate.h"
#include "Tones.h"
#include "itemmodels/LeadListModel.h"
#include "repositories/LeadConversion.h"
#include "repositories/LeadRepository.h"
#include "domain/rules/FieldPolicy.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace branchline {

namespace {

constexpr int searchDelayMs = 150; // as the customer list: one search per word typed
const QString showBoardKey = QStringLiteral("leads/showBoard");

} // namespace

LeadsPage::LeadsPage(const QSqlDatabase &db, Role viewer, const QString &userId, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_viewer(viewer)
    , m_userId(userId)
{
    setObjectName(QStringLiteral("LeadsPage"));
    m_board = new LeadBoard(db, viewer, this);
    buildList(db, viewer);
    m_views = new QStackedWidget(this);
    m_views->addWidget(m_board);
    m_views->addWidget(m_list);

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("notice"));
    m_notice->setWordWrap(true);
    Tones::setTextTone(m_notice, Tone::Error);
    m_notice->setVisible(false);

    auto *legendIcon = new QLabel(this);
    const int side = fontMetrics().height() * 3 / 4;
    legendIcon->setPixmap(PendingMarkerDelegate::pendingIcon().pixmap(side, side));
    auto *legend = new QLabel(tr("changed here, waiting for the server"), this);
    legend->setForegroundRole(QPalette::PlaceholderText);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(legendIcon);
    bottom->addWidget(legend);
    bottom->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildToolbar());
    layout->addWidget(m_notice);
    layout->addWidget(m_views, 1);
    layout->addLayout(bottom);

    connect(m_board, &LeadBoard::cardDropped, this,
            [this](const QString &id, LeadStatus, LeadStatus to) { moveLead(id, to); });
    connect(m_board, &LeadBoard::leadActivated, this, &LeadsPage::openLead);
    connect(m_board, &LeadBoard::menuRequested, this, &LeadsPage::showMenu);
    connect(m_board, &LeadBoard::currentLeadChanged, this, &LeadsPage::updateActions);
    showBoard(QSettings().value(showBoardKey, true).toBool());
    m_listModel->setFilter({});
    updateActions();
}

QWidget *LeadsPage::buildToolbar()
{
    auto *bar = new QWidget(this);
    auto *heading = new QLabel(tr("Leads"), bar);
    makeHeading(heading, 1.4);

    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(
            tr("Search names, companies, cities and notes, or a full mobile number"));
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(searchDelayMs);
    connect(m_searchDelay, &QTimer::timeout, this, &LeadsPage::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));

    m_searchAction = new QAction(tr("Find leads"), this);
    m_searchAction->setShortcut(QKeySequence::Find);
    m_searchAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_searchAction, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(m_searchAction);

    m_boardButton = new QToolButton(bar);
    m_boardButton->setObjectName(QStringLiteral("showBoard"));
    m_boardButton->setText(tr("Board"));
    m_listButton = new QToolButton(bar);
    m_listButton->setObjectName(QStringLiteral("showList"));
    m_listButton->setText(tr("List"));
    for (QToolButton *button : { m_boardButton, m_listButton }) {
        button->setCheckable(true);
        button->setAutoExclusive(true);
    }
    connect(m_boardButton, &QToolButton::clicked, this, [this] { showBoard(true); });
    connect(m_listButton, &QToolButton::clicked, this, [this] { showBoard(false); });

    m_convert = new QPushButton(tr("Convert into customer…"), bar);
    m_convert->setObjectName(QStringLiteral("convertLead"));
    connect(m_convert, &QPushButton::clicked, this, [this] { convertLead(currentLeadId()); });

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addSpacing(fontMetrics().horizontalAdvance(QLatin1Char('M')));
    layout->addWidget(m_search, 1);
    layout->addWidget(m_boardButton);
    layout->addWidget(m_listButton);
    layout->addWidget(m_convert);
    return bar;
}

void LeadsPage::buildList(const QSqlDatabase &db, Role viewer)
{
    m_listModel = new LeadListModel(db, viewer, this);
    m_list = new QTableView(this);
    m_list->setObjectName(QStringLiteral("leadTable"));
    m_list->setModel(m_listModel);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setAlternatingRowColors(true);
    m_list->setShowGrid(false);
    m_list->setWordWrap(false);
    m_list->setItemDelegateForColumn(LeadListModel::Name,
                                     new PendingMarkerDelegate(LeadListModel::PendingRole, m_list));
    QHeaderView *rows = m_list->verticalHeader();
    rows->hide();
    // Uniform rows: the view never measures every row of a long list.
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 10);
    m_list->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_list->horizontalHeader()->setDefaultSectionSize(120);
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_list->setColumnWidth(LeadListModel::Name, 150);
    m_list->setColumnWidth(LeadListModel::Company, 220);
    m_list->setColumnWidth(LeadListModel::Score, 60);
    connect(m_list, &QTableView::activated, this, [this](const QModelIndex &index) {
        openLead(index.siblingAtColumn(0).data(LeadListModel::IdRole).toString());
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LeadsPage::updateActions);
}

bool LeadsPage::isShowingBoard() const
{
    return m_views->currentWidget() == m_board;
}

void LeadsPage::showBoard(bool board)
{
    m_views->setCurrentWidget(board ? static_cast<QWidget *>(m_board) : m_list);
    (board ? m_boardButton : m_listButton)->setChecked(true);
    QSettings().setValue(showBoardKey, board);
    updateActions();
}

QString LeadsPage::currentLeadId() const
{
    if (isShowingBoard())
        return m_board->currentLeadId();
    const QModelIndexList rows = m_list->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(LeadListModel::IdRole).toString();
}

void LeadsPage::applyFilter()
{
    LeadFilter filter;
    filter.text = m_search->text();
    m_board->setFilter(filter);
    m_listModel->setFilter(filter);
    updateActions();
}

void LeadsPage::refresh()
{
    m_board->refresh();
    m_listModel->reload();
    updateActions();
}

void LeadsPage::updateActions()
{
    const std::optional<Lead> lead = LeadRepository(m_db).find(currentLeadId());
    const bool mayConvert = LeadConversion::mayConvert(m_viewer);
    m_convert->setEnabled(mayConvert && lead && lead->status != LeadStatus::Converted);
    m_convert->setToolTip(mayConvert ? tr("Make the selected lead a customer")
                                     : tr("Your role may not convert leads: the lead's sales "
                                          "rep does."));
}

void LeadsPage::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

void LeadsPage::saved()
{
    showNotice(QString());
    refresh();
    emit pendingEditsChanged();
}

void LeadsPage::moveLead(const QString &leadId, LeadStatus to)
{
    StoreError error;
    const std::optional<Lead> lead = LeadRepository(m_db).find(leadId, &error);
    if (!lead) {
        showNotice(error.message);
        return;
    }
    if (to == LeadStatus::Converted) {
        convertLead(leadId);
        return;
    }
    if (to == LeadStatus::Lost && lead->status != LeadStatus::Lost) {
        auto *dialog = new LostReasonDialog(lead->name, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this, dialog, leadId] {
            const SaveResult result =
                    LeadRepository(m_db).moveTo(leadId, LeadStatus::Lost, dialog->reason());
            if (result)
                saved();
            else
                showNotice(result.firstMessage());
        });
        dialog->open();
        return;
    }
    const SaveResult result = LeadRepository(m_db).moveTo(leadId, to);
    if (result)
        saved();
    else
        showNotice(result.firstMessage());
}

void LeadsPage::convertLead(const QString &leadId)
{
    if (!LeadConversion::mayConvert(m_viewer)) {
        showNotice(tr("Your role may not convert leads into customers: the lead's sales rep "
                      "does."));
        return;
    }
    StoreError error;
    const std::optional<Lead> lead = LeadRepository(m_db).find(leadId, &error);
    if (!lead) {
        showNotice(error.message);
        return;
    }
    if (lead->status == LeadStatus::Converted) {
        showNotice(tr("This lead was converted into a customer already."));
        return;
    }
    auto *dialog = new ConvertLeadDialog(m_db, m_viewer, m_userId, *lead, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString customerId = dialog->customerId();
        saved();
        emit customerOpened(customerId);
    });
    dialog->open();
}

void LeadsPage::openLead(const QString &leadId)
{
    const std::optional<Lead> lead = LeadRepository(m_db).find(leadId);
    if (lead && !lead->convertedCustomerId.isEmpty())
        emit customerOpened(lead->convertedCustomerId);
}

void LeadsPage::showMenu(const QString &leadId, const QPoint &globalPos)
{
    const std::optional<Lead> lead = LeadRepository(m_db).find(leadId);
    if (!lead)
        return;
    QMenu menu(this);
    if (lead->status == LeadStatus::Converted) {
        menu.addAction(tr("Open customer"), this, [this, leadId] { openLead(leadId); });
    } else {
        const bool mayMove =
                FieldPolicy::permission(m_viewer, RecordType::Lead, QStringLiteral("status"))
                == FieldPermission::Editable;
        QMenu *move = menu.addMenu(tr("Move to"));
        move->setEnabled(mayMove);
        for (const LeadStatus status : RecordEnums::all<LeadStatus>()) {
            if (status == lead->status || status == LeadStatus::Converted)
                continue;
            move->addAction(RecordEnums::label(status), this,
                            [this, leadId, status] { moveLead(leadId, status); });
        }
        QAction *convert = menu.addAction(tr("Convert into customer…"), this,
                                          [this, leadId] { convertLead(leadId); });
        convert->setEnabled(LeadConversion::mayConvert(m_viewer));
    }
    menu.exec(globalPos);
}

} // namespace branchline
