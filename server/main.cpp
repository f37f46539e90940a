// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/ServerCli.h"
#include "core/PasswordHasher.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("branchline-server"));
    if (!branchline::server::PasswordHasher::initialise()) {
        std::fprintf(stderr, "branchline-server: libsodium could not start\n");
        return 1;
    }
    QTextStream in(stdin);
    QTextStream out(stdout);
    QTextStream err(stderr);
    branchline::server::ServerCli cli(in, out, err);
    return cli.run(QCoreApplication::arguments());
}
