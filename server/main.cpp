// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/ServerCli.h"
#include "core/PasswordHasher.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // Until the config file is read (log_level): no debug output. QT_LOGGING_RULES, when
    // set, wins over both.
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false"));
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
