// SPDX-License-Identifier: GPL-3.0-or-later
#include "KycChecklistPanel.h"

#include "PendingMarkerDelegate.h"
#include "ToneDelegate.h"
#include "Tones.h"
#include "itemmodels/KycChecklistModel.h"
#include "repositories/KycChecklistRepository.h"
#include "domain/rules/KycRules.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace branchline {

namespace {

std::optional<Tone> stateTone(int state)
{
    switch (static_cast<KycItemState>(state)) {
    case KycItemState::Verified:
        return Tone::Success;
    case KycItemState::Rejected:
        return Tone::Error;
    case KycItemState::Submitted:
        return Tone::Info;
    case KycItemState::Missing:
        break;
    }
    return Tone::Warning;
}

} // namespace

KycChecklistPanel::KycChecklistPanel(const QSqlDatabase &db, Role viewer, const QString &userId,
                                     QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_viewer(viewer)
    , m_userId(userId)
{
    setObjectName(QStringLiteral("kycPanel"));
    m_model = new KycChecklistModel(db, this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("kycSummary"));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("kycTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(KycChecklistModel::Note, QHeaderView::Stretch);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->setItemDelegateForColumn(
            KycChecklistModel::Item,
            new PendingMarkerDelegate(KycChecklistModel::PendingRole, m_table));
    m_table->setItemDelegateForColumn(
            KycChecklistModel::State,
            new ToneDelegate(KycChecklistModel::StateRole, stateTone, m_table));

    m_note = new QLineEdit(this);
    m_note->setObjectName(QStringLiteral("kycNote"));
    m_note->setPlaceholderText(KycRules::mayReview(viewer)
                                       ? tr("Note: why it is rejected, or what was checked")
                                       : tr("Note: what was handed in"));
    m_note->setClearButtonEnabled(true);
    m_submit = new QPushButton(tr("Mark submitted"), this);
    m_submit->setObjectName(QStringLiteral("markSubmitted"));
    m_verify = new QPushButton(tr("Verify"), this);
    m_verify->setObjectName(QStringLiteral("verify"));
    m_reject = new QPushButton(tr("Reject"), this);
    m_reject->setObjectName(QStringLiteral("reject"));
    // Only the moves this role can ever make are on screen at all.
    m_submit->setVisible(viewer == Role::SalesRep);
    m_verify->setVisible(KycRules::mayReview(viewer));
    m_reject->setVisible(KycRules::mayReview(viewer));
    const bool mayAct = viewer == Role::SalesRep || KycRules::mayReview(viewer);
    m_note->setVisible(mayAct);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_note, 1);
    actions->addWidget(m_submit);
    actions->addWidget(m_verify);
    actions->addWidget(m_reject);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("kycMessage"));
    m_message->setWordWrap(true);
    if (!mayAct)
        m_message->setText(tr("Reps hand documents in; risk officers verify them."));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addLayout(actions);
    layout->addWidget(m_message);

    connect(m_submit, &QPushButton::clicked, this, &KycChecklistPanel::markSubmitted);
    connect(m_verify, &QPushButton::clicked, this, &KycChecklistPanel::verify);
    connect(m_reject, &QPushButton::clicked, this, &KycChecklistPanel::reject);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { updateActions(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateSummary();
        updateActions();
    });
    updateActions();
}

void KycChecklistPanel::setCustomer(const QString &customerId, CustomerKind kind)
{
    const bool sameCustomer = customerId == m_customerId;
    m_customerId = customerId;
    const int row = sameCustomer ? selectedRow() : -1;
    m_model->setCustomer(customerId, kind);
    if (row >= 0 && row < m_model->rowCount())
        m_table->selectRow(row);
    if (!sameCustomer) {
        m_note->clear();
        if (m_viewer == Role::SalesRep || KycRules::mayReview(m_viewer))
            setMessage(QString(), false);
    }
}

void KycChecklistPanel::reload()
{
    const int row = selectedRow();
    m_model->reload();
    if (row >= 0 && row < m_model->rowCount())
        m_table->selectRow(row);
}

int KycChecklistPanel::selectedRow() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

bool KycChecklistPanel::markSubmitted()
{
    return move(KycItemState::Submitted);
}

bool KycChecklistPanel::verify()
{
    return move(KycItemState::Verified);
}

bool KycChecklistPanel::reject()
{
    return move(KycItemState::Rejected);
}

bool KycChecklistPanel::move(KycItemState to)
{
    const int row = selectedRow();
    if (row < 0) {
        setMessage(tr("Choose an item in the list first."), true);
        return false;
    }
    const KycItem item = m_model->itemAt(row);
    const SaveResult result = KycChecklistRepository(m_db).move(m_customerId, item.item, to,
                                                                m_note->text(), m_viewer, m_userId);
    if (!result) {
        setMessage(tr("Nothing was saved: %1").arg(result.firstMessage()), true);
        if (!result.issues.isEmpty() && result.issues.first().field == QLatin1String("note"))
            m_note->setFocus();
        return false;
    }
    m_note->clear();
    reload();
    setMessage(tr("Saved on this computer; it goes to the server with the next sync."), false);
    emit moved();
    return true;
}

void KycChecklistPanel::updateActions()
{
    const int row = selectedRow();
    const bool chosen = row >= 0 && row < m_model->rowCount();
    const KycItemState state = chosen ? m_model->itemAt(row).state : KycItemState::Missing;
    m_submit->setEnabled(chosen && KycRules::mayMarkSubmitted(m_viewer, state));
    m_verify->setEnabled(chosen && KycRules::mayReview(m_viewer)
                         && state != KycItemState::Verified);
    m_reject->setEnabled(chosen && KycRules::mayReview(m_viewer)
                         && state != KycItemState::Rejected);
}

void KycChecklistPanel::updateSummary()
{
    m_summary->setText(
            tr("Verified: %1 of %2").arg(m_model->verifiedCount()).arg(m_model->rowCount()));
}

void KycChecklistPanel::setMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    if (problem)
        Tones::setTextTone(m_message, Tone::Error);
    else
        Tones::clearTextTone(m_message);
}

} // namespace branchline
