// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace branchline {

// What the command line says about signing in (app/CommandLine): for the README's main job,
// the GUI tests and scripted installs that must start signed in without a person typing.
struct StartupOptions
{
    QUrl server; // --server: instead of the branch configuration's or the last account's
    QString login; // --user: this account instead of the last used one
    // --password-stdin: one line of standard input is the password. Otherwise the
    // BRANCHLINE_PASSWORD environment variable is read, and removed so no child inherits it.
    bool passwordOnStdin = false;
    // --quit-after: a smoke test or screenshot run must end even when nobody answers the
    // sign-in dialog; it is closed this long after run() started (0: never).
    int quitAfterMs = 0;
};

} // namespace branchline
