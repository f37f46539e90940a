// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Session.h"
#include "StartupOptions.h"
#include "accounts/AccountRegistry.h"
#include "keys/PassphrasePrompt.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QObject>

#include <memory>

class QWidget;

namespace branchline {

class SignInDialog;

// The one entry point the app calls before its main window: returns a ready session, or
// nothing when the user quit.
//
// - First run: the sign-in dialog (server address from the branch configuration), a new
//   encrypted store whose key goes to the keychain, then the first sync with its progress.
// - Later starts: the last account's store opens at once with the key from the keychain and
//   the session resumes with the stored refresh token — offline too. The dialog comes back
//   only when no token is kept (signed out), or to finish a first sync that was stopped.
// - --server/--user with a password on stdin or in BRANCHLINE_PASSWORD sign in without
//   typing (the dialog still shows the progress, and any problem, to a person watching).
//
// Keep it alive as long as the session: signInAgain() answers Session::signInRequired.
class StartupFlow : public QObject
{
    Q_OBJECT

public:
    explicit StartupFlow(StartupOptions options = {}, QObject *parent = nullptr);
    // For tests: another keychain or settings, and a prompt for passphrases.
    StartupFlow(StartupOptions options, AccountRegistry registry,
                PassphrasePrompt *prompt = nullptr, QObject *parent = nullptr);
    ~StartupFlow() override;

    std::unique_ptr<Session> run(QWidget *parent);

    // The server ended the session (Session::signInRequired) or the user signed out and
    // wants back in: asks for the password of the same account. False when they cancelled;
    // the session stays open, offline, with its edits queued.
    bool signInAgain(Session &session, QWidget *parent);

    AccountRegistry &registry() { return m_registry; }

signals:
    // The dialog is about to be shown: GUI tests type into it from here.
    void dialogShown(branchline::SignInDialog *dialog);

private:
    std::unique_ptr<Session> runDialog(QWidget *parent, std::unique_ptr<Session> session,
                                       const QString &notice, bool firstSyncOnly);
    void prefill(SignInDialog &dialog, const Session *session) const;
    std::optional<Account> chooseAccount() const;
    void takeAutomationPassword();
    void closeInTime(SignInDialog &dialog) const; // --quit-after

    StartupOptions m_options;
    QElapsedTimer m_started; // for quitAfterMs
    AccountRegistry m_registry;
    std::unique_ptr<PassphrasePrompt> m_ownPrompt;
    PassphrasePrompt *m_prompt = nullptr;
    QString m_automationPassword; // wiped once handed to the dialog
};

} // namespace branchline
