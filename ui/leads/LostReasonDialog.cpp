// SPDX-License-Identifier: GPL-3.0-or-later
#include "LostReasonDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace branchline {

LostReasonDialog::LostReasonDialog(const QString &leadName, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("LostReasonDialog"));
    setWindowTitle(tr("Lead lost"));
    auto *question = new QLabel(tr("Why was %1 lost?").arg(leadName), this);
    question->setWordWrap(true);

    m_reason = new QComboBox(this);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setEditable(true);
    m_reason->setInsertPolicy(QComboBox::NoInsert);
    m_reason->addItems({ tr("Chose another provider"), tr("Fees too high"),
                         tr("Volume too small"), tr("Not eligible"), tr("Could not be reached"),
                         tr("No longer interested") });
    m_reason->setCurrentIndex(-1);
    m_reason->lineEdit()->setPlaceholderText(tr("Pick a reason or type your own"));

    auto *hint = new QLabel(tr("The reason is added to the lead's notes with today's date."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Mark as lost"));
    m_ok->setEnabled(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QComboBox::currentTextChanged, this,
            [this] { m_ok->setEnabled(!reason().isEmpty()); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(question);
    layout->addWidget(m_reason);
    layout->addWidget(hint);
    layout->addWidget(buttons);
    resize(qMax(420, sizeHint().width()), sizeHint().height());
}

QString LostReasonDialog::reason() const
{
    return m_reason->currentText().simplified();
}

} // namespace branchline
