// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <functional>

namespace branchline::server {

// Told, after the commit, of the sessions a sign-out, a revocation, a disabled user or a new
// sign-in on the same device just ended, so that whatever such a session still holds open
// (its sync events socket) is closed at once. Called on the thread that ended them.
using SessionsEnded = std::function<void(const QStringList &sessionIds)>;

} // namespace branchline::server
