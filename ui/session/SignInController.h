// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Session.h"
#include "accounts/AccountRegistry.h"
#include "keys/PassphrasePrompt.h"

#include <QObject>

#include <memory>

namespace branchline {

class SignInDialog;

// What happens behind the sign-in dialog: the account for the typed server and login, its
// store key (made and kept in the keychain, or read from it), the store and the session, the
// sign-in through the worker, then the first sync until it is complete. Closes the dialog
// with accept() when the session is ready.
//
// A store made for a sign-in that never succeeded is deleted again with its key, so a typo
// in the address leaves nothing behind.
class SignInController : public QObject
{
    Q_OBJECT

public:
    SignInController(AccountRegistry registry, PassphrasePrompt &prompt, SignInDialog &dialog);
    ~SignInController() override;

    // Continues with a session that is already open (a later start whose token is gone, or
    // one whose session ended). Taken over unless `borrowed`.
    void adopt(std::unique_ptr<Session> session);
    void borrow(Session *session);
    // Shows the first sync's progress for the adopted session until it completes (a first
    // sync stopped by the user, continued on the next start).
    void watchFirstSync();

    // Opens an existing account's store: its key from the keychain, or its passphrase asked
    // (again after a wrong one). `keyMissing`: the keychain answered and holds no key, so the
    // file can never be read again.
    static std::unique_ptr<Session> openSession(const Account &account, AccountRegistry &registry,
                                                PassphrasePrompt &prompt, bool *keyMissing,
                                                QString *error);

    // After the dialog closed: the ready session (accepted), or nothing. A store that never
    // saw a successful sign-in is removed.
    std::unique_ptr<Session> finish(bool accepted);

private:
    void onSignInRequested();
    bool ensureSession(const QUrl &server, const QString &login, QString *error);
    bool createStore(Account account, QString *error);
    void setSession(Session *session);
    void discardUnsaved();
    void showFirstSync();

    AccountRegistry m_registry;
    PassphrasePrompt &m_prompt;
    SignInDialog &m_dialog;
    std::unique_ptr<Session> m_owned;
    Session *m_session = nullptr;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace branchline
