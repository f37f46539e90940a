// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QCoreApplication;
class QLocale;

namespace branchline {

// Loads Branchline's own and Qt's translations for one language, and makes that language's
// QLocale the default, so dates, numbers and money are written the way the words are.
class Translations
{
public:
    // `language` is "zh_CN", "en" or empty for the system's. Replaces the catalogues an
    // earlier call installed, so the language can change while the program runs (the
    // windows built afterwards speak it). Returns false when Branchline has no catalogue
    // for it: the interface is then English, with English numbers and dates.
    static bool install(QCoreApplication &app, const QString &language);

    // Which of Branchline's catalogues speaks to a person with this locale: "zh_CN" for
    // Simplified Chinese, "en" for English, empty for any other language.
    static QString catalogueFor(const QLocale &locale);
};

} // namespace branchline
