// SPDX-License-Identifier: GPL-3.0-or-later
#include "PassphraseDialog.h"

#include "keys/StoreKeyProvider.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace branchline {

PassphraseDialog::PassphraseDialog(PassphrasePrompt::Purpose purpose, const QString &account,
                                   QWidget *parent)
    : QDialog(parent)
    , m_purpose(purpose)
{
    setObjectName(QStringLiteral("PassphraseDialog"));
    const bool creating = purpose == PassphrasePrompt::Purpose::Create;
    setWindowTitle(creating ? tr("Choose a passphrase") : tr("Unlock the local store"));

    auto *layout = new QVBoxLayout(this);
    auto *explanation = new QLabel(this);
    explanation->setWordWrap(true);
    switch (purpose) {
    case PassphrasePrompt::Purpose::Create:
        explanation->setText(
                tr("This computer has no system keychain, so the data of %1 is encrypted with "
                   "a passphrase you choose. Nobody can recover it: if it is forgotten, the "
                   "data on this computer must be rebuilt from the server.")
                        .arg(account));
        break;
    case PassphrasePrompt::Purpose::Unlock:
        explanation->setText(tr("Enter the passphrase of %1 to open its data.").arg(account));
        break;
    case PassphrasePrompt::Purpose::Retry:
        explanation->setText(tr("That passphrase did not unlock the data of %1. Check the "
                                "keyboard layout and Caps Lock, and try again.")
                                     .arg(account));
        break;
    }
    layout->addWidget(explanation);

    auto *form = new QFormLayout;
    m_passphrase = new QLineEdit(this);
    m_passphrase->setObjectName(QStringLiteral("passphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Passphrase:"), m_passphrase);
    if (creating) {
        m_confirmation = new QLineEdit(this);
        m_confirmation->setObjectName(QStringLiteral("confirmation"));
        m_confirmation->setEchoMode(QLineEdit::Password);
        form->addRow(tr("&Repeat it:"), m_confirmation);
        connect(m_confirmation, &QLineEdit::textChanged, this, &PassphraseDialog::updateState);
    }
    layout->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(creating ? tr("Encrypt") : tr("Unlock"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_passphrase, &QLineEdit::textChanged, this, &PassphraseDialog::updateState);
    updateState();
}

PassphraseDialog::~PassphraseDialog()
{
    takePassphrase(); // clears the fields even when the dialog was cancelled
}

void PassphraseDialog::updateState()
{
    QString problem;
    const QString text = m_passphrase->text();
    if (m_purpose == PassphrasePrompt::Purpose::Create) {
        if (text.size() < StoreKeyProvider::minimumPassphraseLength)
            problem = tr("Use at least %n characters.", nullptr,
                         StoreKeyProvider::minimumPassphraseLength);
        else if (m_confirmation->text() != text)
            problem = tr("The two passphrases are not the same yet.");
    } else if (text.isEmpty()) {
        problem = tr("Enter the passphrase.");
    }
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

SecretBytes PassphraseDialog::takePassphrase()
{
    QString text = m_passphrase->text();
    QByteArray utf8 = text.toUtf8();
    SecretBytes passphrase = SecretBytes::takeFrom(utf8);
    SecretBytes::wipe(text);
    // QLineEdit keeps its own undo history and buffers we cannot reach; clearing the
    // fields is the most a widget allows.
    m_passphrase->clear();
    if (m_confirmation)
        m_confirmation->clear();
    return passphrase;
}

SecretBytes PassphraseDialogPrompt::askPassphrase(Purpose purpose, const QString &account)
{
    PassphraseDialog dialog(purpose, account, m_parent);
    if (dialog.exec() != QDialog::Accepted)
        return SecretBytes();
    return dialog.takePassphrase();
}

} // namespace branchline
