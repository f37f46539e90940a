// SPDX-License-Identifier: GPL-3.0-or-later
#include "NewCustomerDialog.h"

#include "Tones.h"
#include "repositories/CustomerRepository.h"
#include "repositories/Directory.h"

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

NewCustomerDialog::NewCustomerDialog(const QSqlDatabase &db, const QString &userId, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_userId(userId)
{
    setWindowTitle(tr("New customer"));
    setObjectName(QStringLiteral("NewCustomerDialog"));

    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("kind"));
    for (const CustomerKind kind : RecordEnums::all<CustomerKind>())
        m_kind->addItem(RecordEnums::label(kind), RecordEnums::code(kind));
    m_legalName =
            lineEdit(QStringLiteral("legalName"), tr("As on the business licence or ID card"));
    m_creditCode = lineEdit(QStringLiteral("creditCode"), tr("18 characters"));
    m_idNumber = lineEdit(QStringLiteral("idNumber"), tr("18 characters"));
    m_phone = lineEdit(QStringLiteral("phone"), tr("Mainland mobile number"));
    m_city = lineEdit(QStringLiteral("city"), QString());
    m_address = lineEdit(QStringLiteral("address"), QString());
    m_mcc = lineEdit(QStringLiteral("mcc"), tr("4 digits, e.g. 5812"));
    m_mcc->setMaxLength(4);

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

    auto *hint = new QLabel(tr("The customer is saved as a prospect owned by you. Identity papers "
                               "are needed from onboarding on."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    Tones::setTextTone(m_problem, Tone::Error);
    m_problem->setVisible(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    connect(buttons, &QDialogButtonBox::accepted, this, &NewCustomerDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewCustomerDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(hint);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &NewCustomerDialog::updateKindRows);
    updateKindRows();
    resize(qMax(480, sizeHint().width()), sizeHint().height());
}

void NewCustomerDialog::updateKindRows()
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

void NewCustomerDialog::growToFit()
{
    // Wrapped messages need more height at this width than the dialog had; a top-level
    // window does not grow for height-for-width by itself.
    layout()->activate();
    const int wanted = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : layout()->totalSizeHint().height();
    if (wanted > height())
        resize(width(), wanted);
}

void NewCustomerDialog::accept()
{
    Customer customer;
    customer.kind = RecordEnums::parse<CustomerKind>(m_kind->currentData().toString())
                            .value_or(CustomerKind::Merchant);
    customer.legalName = m_legalName->text();
    // Only the identifier of this kind is taken: a value typed before the kind changed
    // stays in its hidden field but is not saved.
    if (customer.kind == CustomerKind::Individual)
        customer.idNumber = m_idNumber->text().trimmed();
    else
        customer.creditCode = m_creditCode->text().trimmed();
    if (customer.kind == CustomerKind::Merchant)
        customer.mcc = m_mcc->text();
    customer.phone = m_phone->text().trimmed();
    customer.city = m_city->text();
    customer.address = m_address->text().trimmed();
    customer.ownerId = m_userId;
    customer.branchId = Directory(m_db).branchOfUser(m_userId);
    customer.status = CustomerStatus::Prospect;

    const SaveResult result = CustomerRepository(m_db).insert(customer);
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
    m_createdId = customer.meta.id;
    QDialog::accept();
}

} // namespace branchline
