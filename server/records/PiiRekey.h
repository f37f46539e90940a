// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Database.h"

#include <QCoreApplication>

#include <chrono>
#include <functional>

namespace branchline::server {

// Rotates the data key while the server goes on serving (`branchline-server keys rotate`):
// makes a new data key in the key folder, then re-encrypts every value under an older one,
// in batches of short transactions (PiiBatches), pass after pass until a whole pass meets
// none. Instances that have not read the folder again yet go on writing under the old key
// for up to PiiVault::refreshInterval(), so the pass that ends the rotation starts only
// after that and a grace for writes in flight; the passes before take the values they
// wrote. The old key files stay: backups made before the rotation still need them. The
// index key is not rotated (every blind index would have to be recomputed at once; see
// docs/server.md).
class PiiRekey
{
    Q_DECLARE_TR_FUNCTIONS(PiiRekey)

public:
    using Report = std::function<void(const QString &line)>;

    // Makes data key N+1 and moves everything onto it; `newKey` says N+1.
    static bool rotate(const Database &database, const Report &report, int *newKey, QString *error);
    // Moves every value under a data key older than `key` onto `key`.
    static bool reencrypt(const Database &database, int key, const Report &report, QString *error);
    // The wait between two passes that met values under an older key (1 s), and the grace
    // after PiiVault::refreshInterval() for writes sealed under the old key but not yet
    // committed (5 s). Tests shorten them.
    static void setTimings(std::chrono::milliseconds pause, std::chrono::milliseconds grace);
};

} // namespace branchline::server
