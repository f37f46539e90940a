// SPDX-License-Identifier: GPL-3.0-or-later
#include "RevealReasonDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace branchline {

RevealReasonDialog::RevealReasonDialog(const QString &fieldLabel, const QString &customerName,
                                       QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("RevealReasonDialog"));
    setWindowTitle(tr("Show personal data"));

    auto *intro = new QLabel(tr("The full value is shown only with a reason. The server "
                                "records who saw it, when and why."),
                             this);
    intro->setObjectName(QStringLiteral("revealIntro"));
    intro->setWordWrap(true);
    auto *customer = new QLabel(customerName, this);
    customer->setObjectName(QStringLiteral("revealCustomer"));
    customer->setWordWrap(true);
    auto *field = new QLabel(fieldLabel, this);
    field->setObjectName(QStringLiteral("revealField"));

    m_common = new QComboBox(this);
    m_common->setObjectName(QStringLiteral("commonReasons"));
    m_common->addItem(tr("Pick a common reason…"));
    for (const QString &reason :
         { tr("Verify the customer's identity"), tr("Call the customer back"),
           tr("KYC or due diligence review"), tr("Prepare contract or onboarding documents"),
           tr("Handle the customer's request or complaint") })
        m_common->addItem(reason, reason);
    connect(m_common, &QComboBox::activated, this, &RevealReasonDialog::pickCommonReason);

    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setPlaceholderText(tr("Why do you need to see it?"));
    m_reason->setMaxLength(200);
    connect(m_reason, &QLineEdit::textEdited, this, [this] { m_messages.clear(); });

    auto *form = new QFormLayout;
    form->addRow(tr("Customer"), customer);
    form->addRow(tr("Field"), field);
    form->addRow(tr("Common reasons"), m_common);
    form->addRow(tr("Reason"), m_messages.wrap(QStringLiteral("reason"), m_reason, this));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *show = buttons->addButton(tr("Show"), QDialogButtonBox::AcceptRole);
    show->setObjectName(QStringLiteral("showValue"));
    show->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &RevealReasonDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RevealReasonDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    m_reason->setFocus();
}

QString RevealReasonDialog::reason() const
{
    return m_reason->text().simplified();
}

bool RevealReasonDialog::isSensible(const QString &reason, QString *problem)
{
    const auto meaningful = std::count_if(reason.cbegin(), reason.cend(),
                                          [](QChar c) { return c.isLetterOrNumber(); });
    if (meaningful >= minimumLength)
        return true;
    *problem = reason.trimmed().isEmpty()
            ? tr("Give a reason: it is recorded in the audit trail with your name.")
            : tr("Say a little more: a reason needs at least %1 letters or digits.")
                      .arg(minimumLength);
    return false;
}

void RevealReasonDialog::accept()
{
    QString problem;
    if (!isSensible(reason(), &problem)) {
        m_messages.show({ FieldIssue{ QStringLiteral("reason"), problem } });
        adjustSize(); // room for the message under the field
        m_reason->setFocus();
        return;
    }
    QDialog::accept();
}

void RevealReasonDialog::pickCommonReason(int index)
{
    const QString picked = m_common->itemData(index).toString();
    if (picked.isEmpty())
        return;
    // The common reason starts the text; the person may add the details after it.
    m_reason->setText(picked);
    m_reason->setFocus();
    m_reason->end(false);
    m_messages.clear();
}

} // namespace branchline
