// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QCoreApplication;

namespace branchline {

// Loads Branchline's own and Qt's translations for one language.
class Translations
{
public:
    // `language` is "zh_CN", "en" or empty for the system's. Returns false when Branchline
    // has no catalogue for it (the interface then stays in English).
    static bool install(QCoreApplication &app, const QString &language);
};

} // namespace branchline
