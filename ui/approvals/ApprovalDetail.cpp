// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalDetail.h"

#include "ApprovalDecisionBar.h"
#include "Headings.h"
#include "Tones.h"
#include "approvals/ApprovalDiff.h"
#include "approvals/ApprovalText.h"
#include "itemmodels/ApprovalTimelineModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace branchline {

namespace {

QLabel *sectionCaption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

void fitRows(QTableView *table)
{
    // A handful of rows: the table is as tall as they are, and the pane scrolls instead.
    // The header's size hint, not its height: before the first layout the height is 0.
    table->resizeRowsToContents();
    int height = table->horizontalHeader()->sizeHint().height() + 2 * table->frameWidth();
    for (int row = 0; row < table->model()->rowCount(); ++row)
        height += table->rowHeight(row);
    table->setFixedHeight(height);
}

} // namespace

ApprovalDetail::ApprovalDetail(const QSqlDatabase &db, Role viewer, const QString &userId,
                               QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_viewer(viewer)
    , m_inbox(userId)
{
    auto *outer = new QVBoxLayout(this);
    m_placeholder = new QLabel(tr("Pick a request on the left to see what it asks."), this);
    m_placeholder->setObjectName(QStringLiteral("approvalPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    outer->addWidget(m_placeholder, 1);

    m_content = new QWidget(this);
    outer->addWidget(m_content, 1);
    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *titleRow = new QHBoxLayout;
    m_title = new QLabel(m_content);
    m_title->setObjectName(QStringLiteral("approvalTitle"));
    makeHeading(m_title, 1.2);
    m_title->setWordWrap(true);
    titleRow->addWidget(m_title, 1);
    m_openCustomer = new QPushButton(tr("Open customer"), m_content);
    m_openCustomer->setObjectName(QStringLiteral("openCustomer"));
    connect(m_openCustomer, &QPushButton::clicked, this,
            [this] { emit openCustomerRequested(m_customerId); });
    titleRow->addWidget(m_openCustomer);
    layout->addLayout(titleRow);

    m_summary = new QLabel(m_content);
    m_summary->setObjectName(QStringLiteral("approvalSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_reason = new QLabel(m_content);
    m_reason->setObjectName(QStringLiteral("approvalReason"));
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_reason);
    m_state = new QLabel(m_content);
    m_state->setObjectName(QStringLiteral("approvalState"));
    m_state->setWordWrap(true);
    layout->addWidget(m_state);

    layout->addWidget(sectionCaption(tr("Proposed change"), m_content));
    m_diff = new QTableWidget(0, 3, m_content);
    m_diff->setObjectName(QStringLiteral("approvalDiff"));
    m_diff->setHorizontalHeaderLabels({ tr("Field"), tr("Before"), tr("After") });
    m_diff->verticalHeader()->hide();
    m_diff->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_diff->setSelectionMode(QAbstractItemView::NoSelection);
    m_diff->setFocusPolicy(Qt::NoFocus);
    m_diff->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_diff->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    layout->addWidget(m_diff);

    layout->addWidget(sectionCaption(tr("Flow"), m_content));
    m_timeline = new ApprovalTimelineModel(db, this);
    m_steps = new QTableView(m_content);
    m_steps->setObjectName(QStringLiteral("approvalSteps"));
    m_steps->setModel(m_timeline);
    m_steps->verticalHeader()->hide();
    m_steps->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_steps->setSelectionMode(QAbstractItemView::NoSelection);
    m_steps->setFocusPolicy(Qt::NoFocus);
    m_steps->setShowGrid(false);
    // Approvers (a whole branch's managers on a countersign step) and comments wrap; the
    // table never scrolls sideways inside the scrolling pane.
    m_steps->setWordWrap(true);
    m_steps->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_steps->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_steps->horizontalHeader()->setSectionResizeMode(ApprovalTimelineModel::Approver,
                                                      QHeaderView::Stretch);
    m_steps->horizontalHeader()->setSectionResizeMode(ApprovalTimelineModel::Comment,
                                                      QHeaderView::Stretch);
    m_steps->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    layout->addWidget(m_steps);

    m_bar = new ApprovalDecisionBar(db, userId, m_content);
    layout->addWidget(m_bar);
    layout->addStretch(1);
    clear();
}

void ApprovalDetail::clear()
{
    m_customerId.clear();
    m_timeline->clear();
    m_bar->clear();
    m_content->setVisible(false);
    m_placeholder->setVisible(true);
}

void ApprovalDetail::show(const ApprovalItem &item)
{
    const ApprovalRequest &request = item.request;
    m_customerId = request.recordId;
    m_placeholder->setVisible(false);
    m_content->setVisible(true);
    m_title->setText(item.label());
    m_openCustomer->setVisible(!item.customerName.isEmpty());
    m_summary->setText(tr("%1 · asked by %2 on %3 · %4")
                               .arg(ApprovalText::flowName(request.flowCode),
                                    item.requesterName.isEmpty() ? tr("you") : item.requesterName,
                                    ApprovalText::when(request.meta.createdAt),
                                    ApprovalText::status(request.status)));
    m_reason->setText(tr("Reason: %1").arg(request.reason));

    // Where it stands for me, said once and plainly: the refusal wins over the rest.
    QString state;
    Tone tone = Tone::Warning;
    if (const std::optional<QString> refused = m_inbox.refusal(item)) {
        state = tr("Refused by the server: %1 Nothing else changed.").arg(*refused);
        tone = Tone::Error;
    } else if (const std::optional<ApprovalDecision> queued = m_inbox.queuedDecision(item)) {
        state = tr("Your decision (%1) is saved on this computer: decision pending sync.")
                        .arg(ApprovalText::decision(queued->decision));
    } else if (request.queued || (request.isPending() && request.meta.version == 0)) {
        state = tr("Saved on this computer; the request goes to the server with the next "
                   "sync, which finds its approvers.");
    }
    m_state->setText(state);
    m_state->setVisible(!state.isEmpty());
    Tones::setTextTone(m_state, tone);

    showDiff(item);
    m_timeline->setItem(item);
    fitRows(m_steps);
    m_bar->setItem(item);
}

void ApprovalDetail::showDiff(const ApprovalItem &item)
{
    const QList<ApprovalDiffRow> rows = ApprovalDiff::rows(item.request, m_viewer);
    m_diff->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const ApprovalDiffRow &diff = rows.at(row);
        m_diff->setItem(row, 0, new QTableWidgetItem(diff.label));
        m_diff->setItem(row, 1, new QTableWidgetItem(diff.before));
        auto *after = new QTableWidgetItem(diff.after);
        QFont font = after->font();
        font.setBold(true);
        after->setFont(font);
        m_diff->setItem(row, 2, after);
    }
    fitRows(m_diff);
}

} // namespace branchline
