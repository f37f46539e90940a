// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Database.h"

#include <QCoreApplication>

namespace branchline::server {

// Brings a database's personal data to rest encrypted, on every start, after the schema
// steps (ServerMigrator):
//
// 1. The keys. A database whose keys are not settled yet (new, or from before encryption)
//    gets them: the data and index keys are made in the key folder when it has none, and
//    a key check is stored with the database (a value sealed under the data key and a
//    blind index under the index key). From then on the check must open with the folder's
//    keys, or the server refuses to start, naming the folder: a lost folder, the wrong
//    folder, or two instances that made keys of their own are found before anything is
//    written with the wrong key.
// 2. The values stored in clear by earlier versions, in every PII column (PiiTable::all),
//    are sealed and indexed, in batches of short transactions; an interrupted run goes on
//    where it stopped at the next start. What the clear values left behind is then
//    compacted away (VACUUM on SQLite; VACUUM FULL of the tables on PostgreSQL), and
//    server_meta records which columns are done, so later starts skip the walk.
class PiiUpgrade
{
    Q_DECLARE_TR_FUNCTIONS(PiiUpgrade)

public:
    static bool run(const Database &database, QString *error);

    // The key check's rows in server_meta, and the text the data check seals.
    static QString dataCheckKey() { return QStringLiteral("pii_data_check"); }
    static QString indexCheckKey() { return QStringLiteral("pii_index_check"); }
    static QString checkText() { return QStringLiteral("branchline"); }

private:
    static bool settleKeys(const Database &database, QString *error);
    static bool sealClearValues(const Database &database, QString *error);
};

} // namespace branchline::server
