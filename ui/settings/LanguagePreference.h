// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "accounts/BranchConfig.h"

#include <QString>

namespace branchline {

// Which language the interface speaks: the person's own choice from the settings (kept in
// QSettings), else the branch configuration's default, else the system's. When IT locked
// the language in the branch configuration, theirs is the only one and a choice is refused.
//
// Languages are "zh_CN", "en", or "" to follow the system (Translations::install).
class LanguagePreference
{
public:
    explicit LanguagePreference(BranchConfig config = BranchConfig::load());

    QString language() const;
    bool isLocked() const { return m_config.languageLocked(); }
    // Kept for the next start too. False, and nothing kept, when IT locked the language
    // or Branchline does not speak `language`.
    bool choose(const QString &language);

private:
    BranchConfig m_config;
};

} // namespace branchline
