// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"

#include <QCommandLineParser>
#include <QUrl>

namespace branchline {

CommandLine::Action CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("Branchline: the offline-first, encrypted CRM for payment institutions and "
               "lenders."));
    const QCommandLineOption help(QStringList{ QStringLiteral("h"), QStringLiteral("help") },
                                  tr("Show this help and exit."));
    const QCommandLineOption version(QStringList{ QStringLiteral("v"), QStringLiteral("version") },
                                     tr("Show the version and exit."));
    const QCommandLineOption language(QStringLiteral("lang"),
                                      tr("Use this language for the interface: zh_CN or en."),
                                      tr("language"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after"),
                                       tr("Quit on its own after this many milliseconds (smoke "
                                          "tests, screenshots)."),
                                       tr("milliseconds"));
    const QCommandLineOption server(QStringLiteral("server"),
                                    tr("Sign in to the server at this address (https://…)."),
                                    tr("url"));
    const QCommandLineOption user(QStringLiteral("user"),
                                  tr("Start as this user: the account kept on this computer, "
                                     "or a new sign-in with the password from "
                                     "--password-stdin or BRANCHLINE_PASSWORD."),
                                  tr("login"));
    const QCommandLineOption passwordStdin(
            QStringLiteral("password-stdin"),
            tr("Read the password of --user from the first line of standard input (scripts, "
               "tests). Without it, the BRANCHLINE_PASSWORD environment variable is used when "
               "set."));
    const QCommandLineOption smokeTest(
            QStringLiteral("smoke-test"),
            tr("Sign in, finish the first sync, print what the local store holds and quit: exit "
               "status 0 when all of that worked (installation checks). Gives up after two "
               "minutes unless --quit-after says otherwise."));
    parser.addOption(help);
    parser.addOption(version);
    parser.addOption(language);
    parser.addOption(quitAfter);
    parser.addOption(server);
    parser.addOption(user);
    parser.addOption(passwordStdin);
    parser.addOption(smokeTest);
    m_helpText = parser.helpText();

    if (!parser.parse(arguments)) {
        m_errorText = parser.errorText();
        return Action::Error;
    }
    if (parser.isSet(language)) {
        m_language = parser.value(language);
        if (m_language != QLatin1String("zh_CN") && m_language != QLatin1String("en")) {
            m_errorText = tr("Unknown language \"%1\": use zh_CN or en.").arg(m_language);
            return Action::Error;
        }
    }
    // --help and --version answer in the language asked for, so it is read first.
    if (parser.isSet(help))
        return Action::ShowHelp;
    if (parser.isSet(version))
        return Action::ShowVersion;
    if (parser.isSet(quitAfter)) {
        bool ok = false;
        m_quitAfterMs = parser.value(quitAfter).toInt(&ok);
        if (!ok || m_quitAfterMs <= 0) {
            m_errorText = tr("--quit-after needs a whole number of milliseconds above 0.");
            return Action::Error;
        }
        m_startup.quitAfterMs = m_quitAfterMs;
    }
    m_smokeTest = parser.isSet(smokeTest);
    if (m_smokeTest && m_quitAfterMs == 0) {
        // An installation check must end even when the server never answers.
        m_quitAfterMs = 120000;
        m_startup.quitAfterMs = m_quitAfterMs;
    }
    if (parser.isSet(server)) {
        const QUrl url(parser.value(server), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
            m_errorText = tr("--server needs an address that starts with https:// or http://.");
            return Action::Error;
        }
        m_startup.server = url;
    }
    m_startup.login = parser.value(user).trimmed();
    m_startup.passwordOnStdin = parser.isSet(passwordStdin);
    if (m_startup.passwordOnStdin && m_startup.login.isEmpty()) {
        m_errorText = tr("--password-stdin needs --user: whose password is it?");
        return Action::Error;
    }
    if (!parser.positionalArguments().isEmpty()) {
        m_errorText = tr("Unexpected argument \"%1\". Run branchline --help to see the options.")
                              .arg(parser.positionalArguments().first());
        return Action::Error;
    }
    return Action::Run;
}

} // namespace branchline
