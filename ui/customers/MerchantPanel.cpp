// SPDX-License-Identifier: GPL-3.0-or-later
#include "MerchantPanel.h"

#include "ToneDelegate.h"
#include "itemmodels/TerminalListModel.h"
#include "domain/rules/FeeRate.h"
#include "domain/rules/FieldPolicy.h"
#include "domain/rules/MccCatalog.h"
#include "domain/rules/Money.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace branchline {

namespace {

QString rateText(const std::optional<qint64> &rate)
{
    return rate ? FeeRate::format(*rate) : MerchantPanel::tr("Not set");
}

std::optional<Tone> terminalTone(int status)
{
    switch (static_cast<TerminalStatus>(status)) {
    case TerminalStatus::Active:
        return Tone::Success;
    case TerminalStatus::Faulty:
        return Tone::Error;
    case TerminalStatus::Inactive:
    case TerminalStatus::Retrieved:
        break;
    }
    return Tone::Neutral;
}

} // namespace

MerchantPanel::MerchantPanel(const QSqlDatabase &db, Role viewer, QWidget *parent)
    : QWidget(parent)
    , m_viewer(viewer)
{
    setObjectName(QStringLiteral("merchantPanel"));
    auto *termsBox = new QGroupBox(tr("Terms"), this);
    termsBox->setObjectName(QStringLiteral("merchantTerms"));
    m_terms = new QFormLayout(termsBox);
    m_terms->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_mcc = addValue(QStringLiteral("merchantMcc"), tr("MCC"));
    m_debit = addValue(QStringLiteral("feeRateDebit"), tr("Debit card fee rate"));
    m_credit = addValue(QStringLiteral("feeRateCredit"), tr("Credit card fee rate"));
    m_qr = addValue(QStringLiteral("feeRateQr"), tr("QR code fee rate"));
    m_limit = addValue(QStringLiteral("creditLimit"), tr("Credit limit"));
    m_account = addValue(QStringLiteral("settlementAccount"), tr("Settlement account"));
    auto *hint = new QLabel(tr("These terms change only through an approval."), termsBox);
    hint->setObjectName(QStringLiteral("termsHint"));
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    m_terms->addRow(hint);

    m_terminalBox = new QGroupBox(tr("Terminals"), this);
    m_terminalBox->setObjectName(QStringLiteral("terminalBox"));
    m_terminalSummary = new QLabel(m_terminalBox);
    m_terminalSummary->setObjectName(QStringLiteral("terminalSummary"));
    m_terminals = new TerminalListModel(db, this);
    m_terminalTable = new QTableView(m_terminalBox);
    m_terminalTable->setObjectName(QStringLiteral("terminals"));
    m_terminalTable->setModel(m_terminals);
    m_terminalTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_terminalTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_terminalTable->setShowGrid(false);
    m_terminalTable->setWordWrap(false);
    m_terminalTable->verticalHeader()->setVisible(false);
    m_terminalTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_terminalTable->horizontalHeader()->setStretchLastSection(true);
    m_terminalTable->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_terminalTable->setItemDelegateForColumn(
            TerminalListModel::Status,
            new ToneDelegate(TerminalListModel::StatusRole, terminalTone, m_terminalTable));
    auto *terminalLayout = new QVBoxLayout(m_terminalBox);
    terminalLayout->addWidget(m_terminalSummary);
    terminalLayout->addWidget(m_terminalTable, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(termsBox);
    layout->addWidget(m_terminalBox, 1);
}

QString MerchantPanel::title(CustomerKind kind)
{
    return kind == CustomerKind::Merchant ? tr("Merchant") : tr("Borrower");
}

QLabel *MerchantPanel::addValue(const QString &objectName, const QString &label)
{
    auto *value = new QLabel(this);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_terms->addRow(label, value);
    return value;
}

void MerchantPanel::setRowShown(QLabel *value, bool shown)
{
    m_terms->setRowVisible(value, shown);
}

void MerchantPanel::setCustomer(const Customer &customer)
{
    const bool merchant = customer.kind == CustomerKind::Merchant;
    const QString description = MccCatalog::description(customer.mcc);
    m_mcc->setText(
            customer.mcc.isEmpty() ? tr("Not set")
                    : description.isEmpty()
                    ? customer.mcc
                    : tr("%1 · %2", "MCC and what it stands for").arg(customer.mcc, description));
    m_debit->setText(rateText(customer.feeRateDebit));
    m_credit->setText(rateText(customer.feeRateCredit));
    m_qr->setText(rateText(customer.feeRateQr));
    m_limit->setText(customer.creditLimitFen ? Money::format(*customer.creditLimitFen)
                                             : tr("None granted"));
    // The store holds the account as the server masked it for this role; present() masks it
    // again for a role that may not see even that much.
    m_account->setText(customer.settlementAccount.isEmpty()
                               ? tr("Not on file")
                               : FieldPolicy::present(m_viewer, RecordType::Customer,
                                                      QStringLiteral("settlement_account"),
                                                      customer.settlementAccount, false));
    for (QLabel *merchantRow : { m_mcc, m_debit, m_credit, m_qr })
        setRowShown(merchantRow, merchant);
    setRowShown(m_limit, !merchant);
    setRowShown(m_account, merchant || !customer.settlementAccount.isEmpty());

    m_terminals->setCustomer(merchant ? customer.meta.id : QString());
    m_terminalBox->setVisible(merchant);
    const int count = m_terminals->rowCount();
    m_terminalSummary->setText(
            count == 0 ? tr("No terminals placed yet.")
                       : tr("%1 of %2 taking payments").arg(m_terminals->activeCount()).arg(count));
}

} // namespace branchline
