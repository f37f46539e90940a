// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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
//   verify-audit                  check the audit trail's hash chain
// Every command takes --database <url> (default: ./branchline-data/branchline.db).
class ServerCli
{
    Q_DECLARE_TR_FUNCTIONS(ServerCli)

public:
    ServerCli(QTextStream &in, QTextStream &out, QTextStream &err);

    // Runs the command in `arguments` (argv, program name first); returns the exit code.
    int run(const QStringList &arguments);

    static QString defaultDatabase();

private:
    QTextStream &m_in;
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace branchline::server
