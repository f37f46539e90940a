// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Database.h"

#include <QCoreApplication>
#include <QTextStream>

namespace branchline::server {

// branchline-server's audit commands, on a database ServerMigrator::migrate() brought up to
// date, which also prepares its audit key (AuditKeys::prepare):
//   verify-audit [--anchor LINE]   check the chain, its head and, given one, an anchor
//   audit anchor                   print the head as an anchor line to keep elsewhere
//   audit rotate-key               make the next audit key and record the change
// Each returns the exit status: 0, or 1 for a broken trail or a failure.
class AuditCommands
{
    Q_DECLARE_TR_FUNCTIONS(AuditCommands)

public:
    static int verify(const Database &database, const QString &anchorText, QTextStream &out,
                      QTextStream &err);
    static int anchor(const Database &database, QTextStream &out, QTextStream &err);
    static int rotateKey(const Database &database, QTextStream &out, QTextStream &err);

    // What init and serve say when they made the audit key.
    static QString keyCreatedNote(int keyNumber);
};

} // namespace branchline::server
