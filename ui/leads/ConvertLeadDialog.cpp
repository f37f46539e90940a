// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConvertLeadDialog.h"

#include "Tones.h"
#include "repositories/Directory.h"
#include "repositories/LeadConversion.h"
#include "domain/rules/MobileNumber.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace branchline {

namespace {

QLineEdit *lineEdit(const QString &objectName, const QString &placeholder)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

ConvertLeadDialog::ConvertLeadDialog(const QSqlDatabase &db, Role role, const QString &userId,
                                     const Lead &lead, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_role(role)
    , m_userId(userId)
    , m_lead(lead)
    , m_draft(LeadConversion(db, role, userId).draft(lead))
{
    setObjectName(QStringLiteral("ConvertLeadDialog"));
    setWindowTitle(tr("Convert lead into a customer"));

    auto *intro = new QLabel(tr("Check what the lead told us and complete it. %1 becomes a "
                                "customer and the lead is marked converted.")
                                     .arg(lead.name),
                             this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);

    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("kind"));
    for (const CustomerKind kind : RecordEnums::all<CustomerKind>())
        m_kind->addItem(RecordEnums::label(kind), RecordEnums::code(kind));
    m_legalName =
            lineEdit(QStringLiteral("legalName"), tr("As on the business licence or ID card"));
    m_creditCode = lineEdit(QStringLiteral("creditCode"), tr("18 characters"));
    m_idNumber = lineEdit(QStringLiteral("idNumber"), tr("18 characters"));
    // A lead synced from the server holds its number masked: show it, to be typed in full.
    const bool maskedPhone = !lead.phone.isEmpty() && !MobileNumber::check(lead.phone).ok();
    m_phone = lineEdit(QStringLiteral("phone"),
                       maskedPhone ? tr("%1 — type the full number").arg(lead.phone)
                                   : tr("Mainland mobile number"));
    m_city = lineEdit(QStringLiteral("city"), QString());
    m_address = lineEdit(QStringLiteral("address"), QString());
    m_mcc = lineEdit(QStringLiteral("mcc"), tr("4 digits, e.g. 5812"));
    m_mcc->setMaxLength(4);
    m_owner = new QLabel;
    m_owner->setObjectName(QStringLiteral("owner"));

    m_form = new QFormLayout;
    m_form->addRow(tr("Kind"), m_kind);
    m_form->addRow(tr("Legal name"),
                   m_messages.wrap(QStringLiteral("legal_name"), m_legalName, this));
    m_form->addRow(tr("Unified social credit code"),
                   m_messages.wrap(QStringLiteral("credit_code"), m_creditCode, this));
    m_form->addRow(tr("Resident ID number"),
                   m_messages.wrap(QStringLiteral("id_number"), m_idNumber, this));
    m_form->addRow(tr("Mobile"), m_messages.wrap(QStringLiteral("phone"), m_phone, this));
    m_form->addRow(tr("City"), m_city);
    m_form->addRow(tr("Address"), m_address);
    m_form->addRow(tr("MCC"), m_messages.wrap(QStringLiteral("mcc"), m_mcc, this));
    m_form->addRow(tr("Owner"), m_owner);

    auto *hint = new QLabel(tr("The customer is saved as a prospect. Both changes are kept on "
                               "this computer and reach the server with the next sync."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    Tones::setTextTone(m_problem, Tone::Error);
    m_problem->setVisible(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *convert = buttons->button(QDialogButtonBox::Ok);
    convert->setText(tr("Convert"));
    convert->setObjectName(QStringLiteral("convert"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConvertLeadDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConvertLeadDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(m_form);
    layout->addWidget(hint);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    fill(m_draft);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ConvertLeadDialog::updateKindRows);
    updateKindRows();
    resize(qMax(520, sizeHint().width()), sizeHint().height());
}

void ConvertLeadDialog::fill(const Customer &draft)
{
    m_kind->setCurrentIndex(m_kind->findData(RecordEnums::code(draft.kind)));
    m_legalName->setText(draft.legalName);
    m_phone->setText(draft.phone);
    m_city->setText(draft.city);
    Directory directory(m_db);
    QString owner = directory.userName(draft.ownerId);
    const QString branch = directory.branchName(draft.branchId);
    if (!branch.isEmpty())
        owner = owner.isEmpty() ? branch : tr("%1 · %2").arg(owner, branch);
    m_owner->setText(owner.isEmpty() ? tr("You") : owner);
}

void ConvertLeadDialog::updateKindRows()
{
    const auto kind = RecordEnums::parse<CustomerKind>(m_kind->currentData().toString());
    const bool person = kind == CustomerKind::Individual;
    m_form->setRowVisible(m_creditCode->parentWidget(), !person);
    m_form->setRowVisible(m_idNumber->parentWidget(), person);
    m_form->setRowVisible(m_mcc->parentWidget(), kind == CustomerKind::Merchant);
    m_messages.setFieldShown(QStringLiteral("credit_code"), !person);
    m_messages.setFieldShown(QStringLiteral("id_number"), person);
    m_messages.setFieldShown(QStringLiteral("mcc"), kind == CustomerKind::Merchant);
}

void ConvertLeadDialog::growToFit()
{
    // Wrapped messages need more height than the dialog had; a top-level window does not
    // grow for height-for-width by itself.
    layout()->activate();
    const int wanted = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : layout()->totalSizeHint().height();
    if (wanted > height())
        resize(width(), wanted);
}

Customer ConvertLeadDialog::customerFromForm() const
{
    Customer customer = m_draft; // owner, branch and status as the draft made them
    customer.kind = RecordEnums::parse<CustomerKind>(m_kind->currentData().toString())
                            .value_or(CustomerKind::Merchant);
    customer.legalName = m_legalName->text();
    // Only the identifier of this kind is taken: a value typed before the kind changed
    // stays in its hidden field but is not saved.
    customer.creditCode.clear();
    customer.idNumber.clear();
    if (customer.kind == CustomerKind::Individual)
        customer.idNumber = m_idNumber->text().trimmed();
    else
        customer.creditCode = m_creditCode->text().trimmed();
    customer.mcc = customer.kind == CustomerKind::Merchant ? m_mcc->text() : QString();
    customer.phone = m_phone->text().trimmed();
    customer.city = m_city->text();
    customer.address = m_address->text().trimmed();
    return customer;
}

void ConvertLeadDialog::accept()
{
    Customer customer = customerFromForm();
    const SaveResult result =
            LeadConversion(m_db, m_role, m_userId).convert(m_lead.meta.id, customer);
    if (!result) {
        const FieldIssues rest = m_messages.show(result.issues);
        QStringList lines;
        for (const FieldIssue &issue : rest)
            lines << issue.message;
        if (result.issues.isEmpty())
            lines << result.error.message;
        m_problem->setText(lines.isEmpty() ? tr("Fix the marked fields; nothing was saved.")
                                           : lines.join(QLatin1Char('\n')));
        m_problem->setVisible(true);
        growToFit();
        return;
    }
    m_customerId = customer.meta.id;
    QDialog::accept();
}

} // namespace branchline
