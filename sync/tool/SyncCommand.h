// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace branchline::sync {

// `branchline-sync --server URL --user LOGIN --store FILE`: the password is read from
// standard input (never from the command line, where other users could see it); the store
// key comes from the keychain, made there for a new store. Returns the process exit code.
int runSyncCommand(const QStringList &arguments);

} // namespace branchline::sync
