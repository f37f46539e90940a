// SPDX-License-Identifier: GPL-3.0-or-later
// branchline-sync: signs in, syncs one account's encrypted store to completion with a
// progress line, and prints a summary. For IT diagnostics and the sync benchmark.
#include "SyncCommand.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("branchline-sync"));
    QCoreApplication::setOrganizationName(QStringLiteral("Branchline"));
    return branchline::sync::runSyncCommand(QCoreApplication::arguments());
}
