// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"

#include <QCoreApplication>

namespace branchline::server {

// The audit key's life: made when the server first needs it, never silently replaced, and
// rotated on request. The key is in the key folder (KeyRing), never in the database.
class AuditKeys
{
    Q_DECLARE_TR_FUNCTIONS(AuditKeys)

public:
    // Run by every command and by serve once the database is migrated. When the process's
    // ring has no audit key: makes key 1 if the trail holds no keyed entry yet (a new
    // database, or one from before keyed entries), and refuses if it does, for then the key
    // folder is missing or was moved and a new key would fork the trail. Also refuses when
    // the trail is kept with a newer key than the folder holds. `created` gets the number
    // of a key made now (0: none).
    static bool prepare(const Database &database, int *created, QString *error);

    // Makes the next audit key and appends "audit.key_rotated", made under the current one
    // and naming the new number, in one transaction; later entries use the new key, on
    // every instance (they read the key folder again when the head names a key they lack).
    static bool rotate(const Database &database, int *newKeyNumber, QString *error);
};

} // namespace branchline::server
