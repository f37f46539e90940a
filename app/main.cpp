// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"
#include "MainWindow.h"
#include "Version.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>

namespace {

QStringList argumentList(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

// Loads our own and Qt's translations for `language` (or the system's when empty).
void installTranslations(QApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("branchline"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Branchline"));
    QCoreApplication::setApplicationName(QStringLiteral("branchline"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BRANCHLINE_VERSION));

    branchline::CommandLine commandLine;
    switch (commandLine.parse(argumentList(argc, argv))) {
    case branchline::CommandLine::Action::ShowVersion:
        std::printf("branchline %s\n", BRANCHLINE_VERSION);
        return 0;
    case branchline::CommandLine::Action::ShowHelp:
        std::printf("%s", qPrintable(commandLine.helpText()));
        return 0;
    case branchline::CommandLine::Action::Error:
        std::fprintf(stderr, "branchline: %s\n", qPrintable(commandLine.errorText()));
        return 2;
    case branchline::CommandLine::Action::Run:
        break;
    }

    QApplication app(argc, argv);
    installTranslations(app, commandLine.language());
    QApplication::setApplicationDisplayName(QApplication::translate("main", "Branchline"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/branchline/icons/branchline.svg")));

    branchline::MainWindow window;
    window.show();
    return QApplication::exec();
}
