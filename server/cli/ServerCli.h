// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServerSettings.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

namespace branchline::server {

// branchline-server's administration commands:
//   init                          create or upgrade the database
//   branch add --name N [--parent ID] [--level L] [--city C]
//   user add --login L --name N --role R [--branch ID]   (password on standard input)
//   user list
//   user disable --login L
//   verify-audit [--anchor LINE]  check the audit trail's MAC chain (AuditCommands)
//   audit anchor                  print the trail's head as a line to keep elsewhere
//   audit rotate-key              make the next audit key
//   integration add --name N --scopes S   (the API key is printed once)
//   integration revoke --name N   stop an integration's key at once
//   integration list
//   keys rotate                   a new data key; personal data re-encrypted under it
//   keys reencrypt                personal data re-encrypted under the newest data key
// Every command takes --database <url> (default: ./branchline-data/branchline.db) and reads
// the config file (ServerConfig); options on the command line win over the file.
class ServerCli
{
    Q_DECLARE_TR_FUNCTIONS(ServerCli)

public:
    ServerCli(QTextStream &in, QTextStream &out, QTextStream &err);

    // Runs the command in `arguments` (argv, program name first); returns the exit code.
    int run(const QStringList &arguments);

    static QString defaultDatabase();
    // Where the keys kept out of the database live (ServerSettings::keyDirectory, or its
    // default for the database in use).
    static QString keyDirectoryOf(const ServerSettings &settings);

private:
    struct OptionKey
    {
        const QCommandLineOption *option;
        const char *key; // in the config file
    };
    // Defaults, then the config file, then the options in `optionKeys` that were given.
    static bool resolveSettings(const QCommandLineParser &parser, const QCommandLineOption &config,
                                const QList<OptionKey> &optionKeys, ServerSettings *settings,
                                QString *error);

    // Opens the key folder and makes it the process's KeyRing.
    static bool openKeyRing(const ServerSettings &settings, QString *error);

    QTextStream &m_in;
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace branchline::server
