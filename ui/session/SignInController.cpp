// SPDX-License-Identifier: GPL-3.0-or-later
#include "SignInController.h"

#include "FirstSyncPage.h"
#include "SignInDialog.h"
#include "keys/StoreKeyProvider.h"

#include <QFileInfo>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSignIn, "branchline.ui.signin")

namespace branchline {

namespace {
constexpr int passphraseAttempts = 3;
}

SignInController::SignInController(AccountRegistry registry, PassphrasePrompt &prompt,
                                   SignInDialog &dialog)
    : m_registry(std::move(registry))
    , m_prompt(prompt)
    , m_dialog(dialog)
{
    connect(&m_dialog, &SignInDialog::signInRequested, this,
            &SignInController::onSignInRequested);
}

SignInController::~SignInController()
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
}

void SignInController::adopt(std::unique_ptr<Session> session)
{
    m_owned = std::move(session);
    setSession(m_owned.get());
}

void SignInController::borrow(Session *session)
{
    setSession(session);
}

void SignInController::watchFirstSync()
{
    showFirstSync();
}

void SignInController::showFirstSync()
{
    m_dialog.showFirstSync(m_session->displayName(), m_session->account().server.host());
}

void SignInController::setSession(Session *session)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_session = session;
    if (!session)
        return;
    m_connections << connect(session, &Session::signInFinished, this,
                             [this](bool ok, SignInProblem problem, const QString &message) {
                                 if (!ok) {
                                     m_dialog.showProblem(problem, message);
                                 } else if (m_session->account().firstSyncDone) {
                                     m_dialog.accept(); // an account that has its data
                                 } else {
                                     showFirstSync();
                                 }
                             });
    m_connections << connect(session, &Session::syncProgress, m_dialog.firstSyncPage(),
                             &FirstSyncPage::setProgress);
    m_connections << connect(session, &Session::syncFinished, m_dialog.firstSyncPage(),
                             &FirstSyncPage::setRoundFinished);
    m_connections << connect(session, &Session::firstSyncCompleted, this, [this] {
        if (m_dialog.isShowingFirstSync())
            m_dialog.accept();
    });
    m_connections << connect(session, &Session::signInRequired, this,
                             [this](const QString &message) {
                                 m_dialog.showForm();
                                 m_dialog.showProblem(SignInProblem::Other, message);
                             });
    m_connections << connect(session, &Session::storeFailed, this, [this](const QString &message) {
        m_dialog.showProblem(SignInProblem::Other, message);
    });
}

void SignInController::onSignInRequested()
{
    const QUrl server = m_dialog.server();
    const QString login = m_dialog.login();
    QString password = m_dialog.takePassword();
    QString error;
    if (!ensureSession(server, login, &error)) {
        SecretBytes::wipe(password);
        m_dialog.showProblem(SignInProblem::Other, error);
        return;
    }
    m_dialog.setBusy(true);
    m_session->signIn(login, password);
    SecretBytes::wipe(password);
}

std::unique_ptr<Session> SignInController::openSession(const Account &account,
                                                       AccountRegistry &registry,
                                                       PassphrasePrompt &prompt,
                                                       bool *keyMissing, QString *error)
{
    *keyMissing = false;
    StoreKeyProvider keys(registry.keyStore(), prompt);
    for (int attempt = 0; attempt < passphraseAttempts; ++attempt) {
        StoreKey key;
        StoreError keyError;
        if (!keys.existingKey(account.name, account.protection, attempt > 0, &key, &keyError)) {
            // Locked or refused is not the same as gone: only a keychain that answers without
            // the key means the file is lost (and may be rebuilt from the server).
            *keyMissing = account.protection == KeyProtection::Keychain
                    && registry.keyStore().readKey(account.name).status
                            == KeyStore::Status::NotFound;
            *error = keyError.message;
            return nullptr;
        }
        auto session = std::make_unique<Session>(account, registry);
        if (session->open(std::move(key), false, error))
            return session;
        const bool wrongPassphrase = account.protection == KeyProtection::Passphrase
                && session->storeError().kind == StoreError::Kind::WrongKeyOrDamaged;
        if (!wrongPassphrase)
            return nullptr;
    }
    return nullptr;
}

bool SignInController::ensureSession(const QUrl &server, const QString &login, QString *error)
{
    const Account account = m_registry.prepare(server, login);
    if (m_session && m_session->account().name == account.name)
        return true; // another try with the same account: its store is open already
    if (m_session && !m_owned) {
        *error = tr("Sign in as %1 here.").arg(m_session->account().login);
        return false;
    }
    discardUnsaved();
    if (QFileInfo::exists(account.storePath)) {
        bool keyMissing = false;
        std::unique_ptr<Session> session =
                openSession(account, m_registry, m_prompt, &keyMissing, error);
        if (session) {
            adopt(std::move(session));
            return true;
        }
        if (!keyMissing)
            return false;
        // Nothing can read this file again; the server has everything that was synced.
        qCWarning(lcSignIn) << "store key gone from the keychain; rebuilding the store";
        AccountRegistry::removeStoreFiles(account.storePath, nullptr);
    }
    return createStore(account, error);
}

bool SignInController::createStore(Account account, QString *error)
{
    StoreKeyProvider keys(m_registry.keyStore(), m_prompt);
    StoreKey key;
    StoreError keyError;
    if (!keys.createKey(account.name, &key, &keyError)) {
        *error = keyError.message;
        return false;
    }
    account.protection = key.protection;
    // A new, empty store: a saved account whose file was lost syncs from the start again.
    account.firstSyncDone = false;
    auto session = std::make_unique<Session>(account, m_registry);
    if (!session->open(std::move(key), true, error)) {
        AccountRegistry::removeStoreFiles(account.storePath, nullptr);
        m_registry.keyStore().removeKey(account.name, nullptr);
        return false;
    }
    adopt(std::move(session));
    return true;
}

void SignInController::discardUnsaved()
{
    if (!m_owned)
        return;
    // A store whose sign-in never succeeded holds nothing: delete it with its key, so a
    // mistyped address or login leaves no trace.
    if (!m_owned->isSignedIn() && !m_registry.find(m_owned->account().name))
        m_owned->removeFromComputer(nullptr);
    setSession(nullptr);
    m_owned.reset();
}

std::unique_ptr<Session> SignInController::finish(bool accepted)
{
    if (accepted && m_owned) {
        setSession(nullptr);
        return std::move(m_owned);
    }
    // Stop on the progress page: the round ends now and the next start continues it.
    if (!accepted && m_session && m_dialog.isShowingFirstSync())
        m_session->cancelSync();
    if (!accepted)
        discardUnsaved();
    setSession(nullptr);
    return nullptr;
}

} // namespace branchline
