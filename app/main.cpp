// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"
#include "MainWindow.h"
#include "MainWindowHost.h"
#include "Translations.h"
#include "session/Session.h"
#include "session/StartupFlow.h"
#include "settings/LanguagePreference.h"
#include "Version.h"

#include <QApplication>
#include <QIcon>
#include <QLoggingCategory>
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

    // Sign in (or open the last account offline), work, and after a sign-out sign in again.
    branchline::StartupFlow flow(commandLine.startupOptions());
    for (;;) {
        std::unique_ptr<branchline::Session> session = flow.run(nullptr);
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
