// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session/StartupOptions.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace branchline {

// The client's command line. Parsed before any window exists, so `--version` and `--help`
// work on a machine without a display.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)

public:
    enum class Action { Run, ShowVersion, ShowHelp, Error };

    Action parse(const QStringList &arguments);

    QString helpText() const { return m_helpText; }
    QString errorText() const { return m_errorText; }
    QString language() const { return m_language; } // "zh_CN", "en" or empty for the system's
    int quitAfterMs() const { return m_quitAfterMs; } // 0: run until the user quits
    // --smoke-test: sign in, finish the first sync, report and quit (installation checks).
    bool smokeTest() const { return m_smokeTest; }
    // --server, --user, --password-stdin: for StartupFlow.
    StartupOptions startupOptions() const { return m_startup; }

private:
    QString m_helpText;
    QString m_errorText;
    QString m_language;
    int m_quitAfterMs = 0;
    bool m_smokeTest = false;
    StartupOptions m_startup;
};

} // namespace branchline
