// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestChangeDialog.h"

#include "Tones.h"
#include "approvals/ApprovalCommands.h"
#include "approvals/ApprovalProposal.h"
#include "approvals/ApprovalText.h"
#include "domain/records/RecordEnums.h"
#include "domain/rules/FeeRate.h"
#include "domain/rules/FieldLabels.h"
#include "domain/rules/Money.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>

namespace branchline {

namespace {

// A number typed in the interface's language (or with a plain point), scaled to a whole
// number of `unit`s: "0.38" percent in millionths is 3800. Empty: not given.
std::optional<qint64> scaled(const QString &text, double unit, bool *ok)
{
    *ok = true;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool read = false;
    double number = QLocale().toDouble(trimmed, &read);
    if (!read)
        number = QLocale::c().toDouble(trimmed, &read);
    const double value = number * unit;
    // Whole units only: a rate of 0.38125 % has no exact stored form, so it is refused
    // rather than rounded behind the person's back.
    if (!read || !std::isfinite(value) || std::abs(value - std::round(value)) > 1e-6) {
        *ok = false;
        return std::nullopt;
    }
    return qint64(std::llround(value));
}

} // namespace

RequestChangeDialog::RequestChangeDialog(const QSqlDatabase &db, const QString &userId,
                                         const Customer &customer, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_userId(userId)
    , m_customer(customer)
{
    setObjectName(QStringLiteral("RequestChangeDialog"));
    setWindowTitle(tr("Request a change — %1").arg(customer.legalName));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_flow = new QComboBox(this);
    m_flow->setObjectName(QStringLiteral("flow"));
    form->addRow(tr("&Request:"), m_flow);
    layout->addLayout(form);

    m_pages = new QStackedWidget(this);
    for (const QString &flow : ApprovalProposal::flowsFor(customer)) {
        m_flow->addItem(ApprovalText::flowName(flow), flow);
        QWidget *page = nullptr;
        if (flow == QLatin1String("fee_rate_change"))
            page = feePage();
        else if (flow == QLatin1String("credit_approval")
                 || flow == QLatin1String("credit_limit_increase"))
            page = creditPage();
        else if (flow == QLatin1String("kyc_exception"))
            page = kycPage();
        else if (flow == QLatin1String("merchant_onboarding"))
            page = statusPage(tr("Once approved, the merchant becomes active."));
        else
            page = statusPage(tr("Once approved, the merchant is terminated."));
        m_pageOf.insert(flow, m_pages->addWidget(page));
    }
    layout->addWidget(m_pages);

    auto *reasonLabel = new QLabel(tr("Rea&son (required):"), this);
    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setTabChangesFocus(true);
    m_reason->setFixedHeight(m_reason->fontMetrics().lineSpacing() * 4 + 14);
    reasonLabel->setBuddy(m_reason);
    layout->addWidget(reasonLabel);
    layout->addWidget(m_reason);

    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("requestProblems"));
    m_problems->setWordWrap(true);
    m_problems->setVisible(false);
    Tones::setTextTone(m_problems, Tone::Error);
    layout->addWidget(m_problems);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Send for approval"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("send"));
    connect(buttons, &QDialogButtonBox::accepted, this, &RequestChangeDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_flow, &QComboBox::currentIndexChanged, this, &RequestChangeDialog::showFlow);
    showFlow();
}

QWidget *RequestChangeDialog::feePage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    form->addRow(new QLabel(tr("New rates in percent; leave a rate empty to keep it."), page));
    for (const char *name : { "fee_rate_debit", "fee_rate_credit", "fee_rate_qr" }) {
        const QString field = QString::fromLatin1(name);
        auto *edit = new QLineEdit(page);
        edit->setObjectName(field);
        const QJsonValue current = ApprovalProposal::currentValue(m_customer, field);
        edit->setPlaceholderText(current.isDouble()
                                         ? tr("now %1").arg(FeeRate::format(current.toInteger()))
                                         : tr("not set"));
        form->addRow(tr("%1 (%):").arg(FieldLabels::field(QStringLiteral("customers"), field)),
                     edit);
        m_rates.insert(field, edit);
    }
    return page;
}

QWidget *RequestChangeDialog::creditPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_limit = new QLineEdit(page);
    m_limit->setObjectName(QStringLiteral("credit_limit"));
    m_limit->setPlaceholderText(
            m_customer.creditLimitFen ? tr("now %1").arg(Money::format(*m_customer.creditLimitFen))
                                      : tr("not set"));
    form->addRow(tr("Credit &limit (yuan):"), m_limit);
    return page;
}

QWidget *RequestChangeDialog::kycPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_kyc = new QComboBox(page);
    m_kyc->setObjectName(QStringLiteral("kyc_status"));
    for (const KycStatus status : { KycStatus::Verified, KycStatus::InProgress })
        m_kyc->addItem(RecordEnums::label(status), RecordEnums::code(status));
    form->addRow(tr("Set KYC status to:"), m_kyc);
    form->addRow(new QLabel(tr("Now: %1").arg(RecordEnums::label(m_customer.kycStatus)), page));
    return page;
}

QWidget *RequestChangeDialog::statusPage(const QString &text)
{
    auto *label = new QLabel(text, this);
    label->setWordWrap(true);
    return label;
}

bool RequestChangeDialog::chooseFlow(const QString &flowCode)
{
    const int index = m_flow->findData(flowCode);
    if (index < 0)
        return false;
    m_flow->setCurrentIndex(index);
    return true;
}

void RequestChangeDialog::showFlow()
{
    const QString flow = m_flow->currentData().toString();
    if (m_pageOf.contains(flow))
        m_pages->setCurrentIndex(m_pageOf.value(flow));
    m_problems->setVisible(false);
}

bool RequestChangeDialog::readProposal(QJsonObject *proposed, QStringList *problems) const
{
    const QString flow = m_flow->currentData().toString();
    bool ok = true;
    if (flow == QLatin1String("fee_rate_change")) {
        for (auto it = m_rates.cbegin(); it != m_rates.cend(); ++it) {
            const std::optional<qint64> rate =
                    scaled(it.value()->text(), double(FeeRate::perPercent), &ok);
            if (!ok)
                *problems << tr("%1: enter the rate in percent with at most four decimals, "
                                "like 0.38.")
                                     .arg(FieldLabels::field(QStringLiteral("customers"),
                                                             it.key()));
            else if (rate)
                proposed->insert(it.key(), *rate);
        }
    } else if (m_limit
               && (flow == QLatin1String("credit_approval")
                   || flow == QLatin1String("credit_limit_increase"))) {
        const std::optional<qint64> fen = scaled(m_limit->text(), 100.0, &ok);
        if (!ok)
            *problems << tr("Enter the credit limit in yuan, like 300000 or 300000.50.");
        else if (fen)
            proposed->insert(QStringLiteral("credit_limit_fen"), *fen);
    } else if (m_kyc && flow == QLatin1String("kyc_exception")) {
        proposed->insert(QStringLiteral("kyc_status"), m_kyc->currentData().toString());
    }
    return problems->isEmpty();
}

void RequestChangeDialog::accept()
{
    QJsonObject proposed;
    QStringList problems;
    if (readProposal(&proposed, &problems)) {
        const SaveResult result =
                ApprovalCommands(m_db, m_userId)
                        .request(m_flow->currentData().toString(), m_customer.meta.id, proposed,
                                 m_reason->toPlainText(), &m_requestId);
        if (result) {
            QDialog::accept();
            return;
        }
        for (const FieldIssue &issue : result.issues)
            problems << issue.message;
        if (result.issues.isEmpty())
            problems << tr("Nothing was saved: %1").arg(result.error.message);
    }
    m_problems->setText(problems.join(QLatin1Char('\n')));
    m_problems->setVisible(true);
}

} // namespace branchline
