// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "keys/PassphrasePrompt.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace branchline {

// Asks for the passphrase of a store on a computer without a keychain. For a new store it
// asks twice and says plainly that a forgotten passphrase cannot be recovered.
class PassphraseDialog : public QDialog
{
    Q_OBJECT

public:
    PassphraseDialog(PassphrasePrompt::Purpose purpose, const QString &account,
                     QWidget *parent = nullptr);
    ~PassphraseDialog() override;

    // The passphrase as UTF-8 bytes; the fields are cleared as it is taken.
    SecretBytes takePassphrase();

private:
    void updateState();

    PassphrasePrompt::Purpose m_purpose;
    QLineEdit *m_passphrase = nullptr;
    QLineEdit *m_confirmation = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

// The ui's PassphrasePrompt: shows a PassphraseDialog and waits for the answer.
class PassphraseDialogPrompt : public PassphrasePrompt
{
public:
    explicit PassphraseDialogPrompt(QWidget *parent = nullptr)
        : m_parent(parent)
    {
    }
    SecretBytes askPassphrase(Purpose purpose, const QString &account) override;

private:
    QWidget *m_parent;
};

} // namespace branchline
