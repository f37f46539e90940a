// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"
#include "MainWindow.h"
#include "MainWindowHost.h"
#include "Translations.h"
#include "session/Session.h"
#include "session/StartupFlow.h"
#include "settings/LanguagePreference.h"
#include "Version.h"
#include "TrustedCertificates.h"
#include "accounts/BranchConfig.h"
#include "repositories/CustomerRepository.h"

#include <QApplication>
#include <QIcon>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

namespace {

QStringList argumentList(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

// The institution's CA from the branch configuration, trusted before the first connection.
// A broken file is said at once (on standard error for scripted runs): without it the
// server's certificate will be refused and the sign-in would only say "unreachable".
void trustBranchCertificate(bool automated)
{
    const branchline::BranchConfig config = branchline::BranchConfig::load();
    if (config.caCertificatePath().isEmpty())
        return;
    QString error;
    if (branchline::sync::trustCaCertificates(config.caCertificatePath(), &error))
        return;
    std::fprintf(stderr, "branchline: %s\n", qPrintable(error));
    if (!automated)
        QMessageBox::warning(nullptr, QApplication::translate("main", "Branch configuration"),
                             error);
}

// --smoke-test: the installation check's verdict, on standard output or error.
int reportSmokeTest(const branchline::Session *session)
{
    if (!session) {
        std::fprintf(stderr, "branchline: %s\n",
                     qPrintable(QCoreApplication::translate(
                             "main", "Smoke test failed: not signed in, or the first sync did "
                                     "not finish.")));
        return 1;
    }
    branchline::StoreError error;
    const qint64 customers =
            branchline::CustomerRepository(session->database()).count({}, &error);
    if (customers < 0 || error.isError()) {
        std::fprintf(stderr, "branchline: %s\n",
                     qPrintable(QCoreApplication::translate(
                             "main", "Smoke test failed: the local store cannot be read.")));
        return 1;
    }
    std::printf("branchline %s: %s\n", BRANCHLINE_VERSION,
                qPrintable(QCoreApplication::translate(
                                   "main", "signed in as %1 at %2; %n customer(s) in the "
                                           "encrypted local store",
                                   nullptr, int(customers))
                                   .arg(session->account().login,
                                        session->account().server.toString())));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Branchline"));
    // Debug output only when asked for with QT_LOGGING_RULES (e.g. "branchline.*.debug=true").
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("branchline.*.debug=false"));
    QCoreApplication::setApplicationName(QStringLiteral("branchline"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BRANCHLINE_VERSION));

    const QStringList arguments = argumentList(argc, argv);
    branchline::CommandLine commandLine;
    // --lang for this run only; otherwise the person's choice in the preferences, or the
    // branch configuration's (which IT may lock), or the system's.
    const auto chosenLanguage = [&commandLine] {
        return commandLine.language().isEmpty() ? branchline::LanguagePreference().language()
                                                : commandLine.language();
    };
    if (commandLine.parse(arguments) != branchline::CommandLine::Action::Run) {
        // --help, --version or a mistake: answer in the user's language without opening
        // a window, so this works on a machine with no display.
        QCoreApplication core(argc, argv);
        branchline::Translations::install(core, chosenLanguage());
        branchline::CommandLine translated;
        switch (translated.parse(arguments)) {
        case branchline::CommandLine::Action::ShowVersion:
            std::printf("branchline %s\n", BRANCHLINE_VERSION);
            return 0;
        case branchline::CommandLine::Action::ShowHelp:
            std::printf("%s", qPrintable(translated.helpText()));
            return 0;
        case branchline::CommandLine::Action::Error:
        case branchline::CommandLine::Action::Run:
            break;
        }
        std::fprintf(stderr, "branchline: %s\n", qPrintable(translated.errorText()));
        return 2;
    }

    QApplication app(argc, argv);
    branchline::Translations::install(app, chosenLanguage());
    QApplication::setApplicationDisplayName(QApplication::translate("main", "Branchline"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/branchline/icons/branchline.svg")));
    // The desktop entry's name: Wayland compositors match the window to its icon by it.
    QGuiApplication::setDesktopFileName(QStringLiteral("cn.branchline.Branchline"));
    trustBranchCertificate(commandLine.quitAfterMs() > 0);

    // Sign in (or open the last account offline), work, and after a sign-out sign in again.
    branchline::StartupFlow flow(commandLine.startupOptions());
    for (;;) {
        std::unique_ptr<branchline::Session> session = flow.run(nullptr);
        if (commandLine.smokeTest())
            return reportSmokeTest(session.get());
        if (!session)
            return 0;
        // The host rebuilds the window when the language changes in the preferences.
        branchline::MainWindowHost host(*session);
        QObject::connect(&host, &branchline::MainWindowHost::signInRequired, &host,
                         [&flow, &session, &host] { flow.signInAgain(*session, host.window()); });
        host.window()->show();
        if (commandLine.quitAfterMs() > 0)
            QTimer::singleShot(commandLine.quitAfterMs(), &host,
                               [&host] { host.window()->close(); });
        const int status = QApplication::exec();
        if (!host.window()->endedSession() || commandLine.quitAfterMs() > 0)
            return status;
    }
}
