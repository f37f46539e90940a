// SPDX-License-Identifier: GPL-3.0-or-later
#include "StartupFlow.h"

#include "PassphraseDialog.h"
#include "SignInController.h"
#include "SignInDialog.h"
#include "accounts/BranchConfig.h"
#include "keys/KeychainKeyStore.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcStartup, "branchline.ui.startup")

namespace branchline {

StartupFlow::StartupFlow(StartupOptions options, QObject *parent)
    : StartupFlow(std::move(options), AccountRegistry(std::make_shared<KeychainKeyStore>()),
                  nullptr, parent)
{
}

StartupFlow::StartupFlow(StartupOptions options, AccountRegistry registry,
                         PassphrasePrompt *prompt, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_registry(std::move(registry))
    , m_prompt(prompt)
{
    if (!m_prompt) {
        m_ownPrompt = std::make_unique<PassphraseDialogPrompt>();
        m_prompt = m_ownPrompt.get();
    }
}

StartupFlow::~StartupFlow()
{
    SecretBytes::wipe(m_automationPassword);
}

void StartupFlow::takeAutomationPassword()
{
    if (m_options.login.isEmpty())
        return;
    if (m_options.passwordOnStdin) {
        QFile input;
        if (input.open(stdin, QIODevice::ReadOnly)) {
            QByteArray line = input.readLine();
            while (line.endsWith('\n') || line.endsWith('\r'))
                line.chop(1);
            m_automationPassword = QString::fromUtf8(line);
            SecretBytes::wipe(line);
        }
        return;
    }
    if (qEnvironmentVariableIsSet("BRANCHLINE_PASSWORD")) {
        m_automationPassword = qEnvironmentVariable("BRANCHLINE_PASSWORD");
        qunsetenv("BRANCHLINE_PASSWORD");
    }
}

std::optional<Account> StartupFlow::chooseAccount() const
{
    if (m_options.login.isEmpty())
        return m_registry.lastUsed();
    QUrl server = m_options.server;
    if (server.isEmpty())
        server = BranchConfig::load().serverUrl();
    if (server.isEmpty()) {
        if (std::optional<Account> last = m_registry.lastUsed())
            server = last->server;
    }
    return m_registry.find(KeyStore::accountName(m_options.login, server.toString()));
}

std::unique_ptr<Session> StartupFlow::run(QWidget *parent)
{
    m_started.start();
    takeAutomationPassword();
    const std::optional<Account> account = chooseAccount();
    if (!account || !QFileInfo::exists(account->storePath))
        return runDialog(parent, nullptr, QString(), false);

    bool keyMissing = false;
    QString error;
    std::unique_ptr<Session> session =
            SignInController::openSession(*account, m_registry, *m_prompt, &keyMissing, &error);
    if (!session) {
        const QString notice = keyMissing
                ? tr("The key of the data on this computer is gone from the system keychain, "
                     "so the data cannot be opened. Signing in rebuilds it from the server; "
                     "edits that were not sent yet are lost.")
                : error;
        return runDialog(parent, nullptr, notice, false);
    }
    if (session->resume()) {
        // Offline is fine: the store is open and the worker retries until the server answers.
        if (account->firstSyncDone)
            return session;
        return runDialog(parent, std::move(session), QString(), true);
    }
    return runDialog(parent, std::move(session),
                     tr("Enter your password to sign in again. The data on this computer is "
                        "kept."),
                     false);
}

void StartupFlow::prefill(SignInDialog &dialog, const Session *session) const
{
    const BranchConfig config = BranchConfig::load();
    const std::optional<Account> last = m_registry.lastUsed();
    QUrl server = m_options.server;
    QString login = m_options.login;
    if (session) {
        server = session->account().server;
        login = session->account().login;
    }
    if (server.isEmpty() && last)
        server = last->server;
    // IT's locked address wins over anything remembered, except an open account's own.
    if (!session && (server.isEmpty() || config.serverUrlLocked()))
        server = config.serverUrl();
    if (login.isEmpty() && last && last->server == server)
        login = last->login;
    dialog.setServer(server, config.serverUrlLocked());
    dialog.setLogin(login, false);
}

std::unique_ptr<Session> StartupFlow::runDialog(QWidget *parent, std::unique_ptr<Session> session,
                                                const QString &notice, bool firstSyncOnly)
{
    SignInDialog dialog(parent);
    SignInController controller(m_registry, *m_prompt, dialog);
    prefill(dialog, session.get());
    controller.adopt(std::move(session));
    dialog.setNotice(notice);
    if (firstSyncOnly) {
        controller.watchFirstSync();
    } else if (!m_automationPassword.isEmpty()) {
        // Typed for the person who is not there; a refusal stays on screen for whoever looks.
        dialog.setPassword(m_automationPassword);
        SecretBytes::wipe(m_automationPassword);
        QTimer::singleShot(0, &dialog, &SignInDialog::submit);
    }
    closeInTime(dialog);
    emit dialogShown(&dialog);
    const bool accepted = dialog.exec() == QDialog::Accepted;
    return controller.finish(accepted);
}

void StartupFlow::closeInTime(SignInDialog &dialog) const
{
    if (m_options.quitAfterMs <= 0)
        return;
    const qint64 elapsed = m_started.isValid() ? m_started.elapsed() : 0;
    QTimer::singleShot(int(qMax<qint64>(0, m_options.quitAfterMs - elapsed)), &dialog,
                       &QDialog::reject);
}

bool StartupFlow::signInAgain(Session &session, QWidget *parent)
{
    SignInDialog dialog(parent);
    SignInController controller(m_registry, *m_prompt, dialog);
    controller.borrow(&session);
    dialog.setServer(session.account().server, true);
    dialog.setLogin(session.account().login, true);
    dialog.setNotice(tr("Your session on the server has ended. Enter your password to continue "
                        "syncing; your work on this computer is kept."));
    closeInTime(dialog);
    emit dialogShown(&dialog);
    const bool accepted = dialog.exec() == QDialog::Accepted;
    controller.finish(accepted);
    return accepted;
}

} // namespace branchline
