// SPDX-License-Identifier: GPL-3.0-or-later
#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace branchline {

namespace {

// Marks the translators install() made, so the next call can take them out again.
const char *const installedName = "branchline.translations";

void removeInstalled(QCoreApplication &app)
{
    for (QTranslator *translator : app.findChildren<QTranslator *>(QLatin1String(installedName),
                                                                   Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

bool installCatalogue(QCoreApplication &app, const QString &fileName, const QString &directory)
{
    auto *translator = new QTranslator(&app);
    translator->setObjectName(QLatin1String(installedName));
    if (!translator->load(fileName, directory)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    return true;
}

} // namespace

QString Translations::catalogueFor(const QLocale &locale)
{
    if (locale.language() == QLocale::Chinese && locale.script() != QLocale::TraditionalHanScript
        && locale.territory() != QLocale::Taiwan && locale.territory() != QLocale::HongKong
        && locale.territory() != QLocale::Macao)
        return QStringLiteral("zh_CN");
    if (locale.language() == QLocale::English)
        return QStringLiteral("en");
    return QString();
}

bool Translations::install(QCoreApplication &app, const QString &language)
{
    removeInstalled(app);
    const QLocale wanted = language.isEmpty() ? QLocale::system() : QLocale(language);
    QString catalogue = catalogueFor(wanted);
    const bool spoken = !catalogue.isEmpty();
    // A language Branchline does not speak gets English throughout: English words with
    // another language's dates and numbers would read as a mistake. The English catalogue
    // still matters: it holds the English plural forms ("1 edit", "2 edits").
    if (!spoken)
        catalogue = QStringLiteral("en");
    // The system's own English or Chinese (en_GB, zh_SG) keeps its formats; a named
    // language gets its usual ones.
    const QLocale locale = spoken ? wanted : QLocale(QLocale::English, QLocale::UnitedStates);
    QLocale::setDefault(locale);
    installCatalogue(app, QStringLiteral("qtbase_") + catalogue,
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    const bool loaded = installCatalogue(app, QStringLiteral("branchline_") + catalogue,
                                         QStringLiteral(":/i18n"));
    return spoken && loaded;
}

} // namespace branchline
