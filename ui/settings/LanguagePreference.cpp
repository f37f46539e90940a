// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanguagePreference.h"

#include <QSettings>

namespace branchline {

namespace {

const QString settingsKey = QStringLiteral("interface/language");
// "Follow the system" is kept as a word: an empty value would read as "never chosen".
const QString systemWord = QStringLiteral("system");

} // namespace

LanguagePreference::LanguagePreference(BranchConfig config)
    : m_config(std::move(config))
{
}

QString LanguagePreference::language() const
{
    if (isLocked())
        return *m_config.language();
    const QString stored = QSettings().value(settingsKey).toString();
    if (const std::optional<QString> chosen = BranchConfig::parseLanguage(stored))
        return *chosen;
    return m_config.language().value_or(QString());
}

bool LanguagePreference::choose(const QString &language)
{
    if (isLocked())
        return false;
    const std::optional<QString> known =
            BranchConfig::parseLanguage(language.isEmpty() ? systemWord : language);
    if (!known)
        return false;
    QSettings().setValue(settingsKey, known->isEmpty() ? systemWord : *known);
    return true;
}

} // namespace branchline
