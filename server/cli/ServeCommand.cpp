// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServeCommand.h"

#include "AuditCommands.h"
#include "api/ApiContext.h"
#include "approvals/ApprovalEscalator.h"
#include "core/AuditAnchorLogger.h"
#include "core/ServerMigrator.h"
#include "sync/SyncNotifier.h"

namespace branchline::server {

bool parseListen(const QString &text, HttpServerSettings *settings)
{
    const int colon = int(text.lastIndexOf(QLatin1Char(':')));
    if (colon < 0)
        return false;
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return false;
    QString address = text.left(colon);
    if (address.startsWith(QLatin1Char('[')) && address.endsWith(QLatin1Char(']')))
        address = address.mid(1, address.size() - 2);
    settings->address = address.isEmpty() ? QStringLiteral("0.0.0.0") : address;
    settings->port = static_cast<quint16>(port);
    return true;
}

int serve(const ServerSettings &settings, QTextStream &out, QTextStream &err)
{
    const DatabaseUrl &url = settings.database;
    if (!settings.configFile.isEmpty())
        out << QCoreApplication::translate("ServeCommand", "Configuration read from %1.")
                        .arg(settings.configFile)
            << Qt::endl;
    Database database(url);
    ServerMigrator migrator(database);
    QString error;
    if (!migrator.migrate(&error)) {
        err << error << Qt::endl;
        return 1;
    }
    if (migrator.createdAuditKey() > 0)
        out << AuditCommands::keyCreatedNote(migrator.createdAuditKey()) << Qt::endl;
    PasswordHasher hasher;
    Accounts accounts(database, hasher);
    Authenticator authenticator(database, hasher, settings.sessions);
    ApiContext context{ database, authenticator, accounts, nullptr };
    context.piiLookupsPerHour = settings.piiLookupsPerHour;
    Router router;
    addApiRoutes(router, context);

    HttpServer server(router, settings.http);
    context.metrics = &server.metrics();
    connectSessionSockets(server, authenticator, accounts);
    if (!server.start(&error)) {
        err << error << Qt::endl;
        return 1;
    }
    // Reads the shared database, so writes through other instances are announced here too.
    SyncNotifier notifier(database, [&server](qint64 head) {
        server.broadcast(SyncNotifier::changesMessage(head));
    });
    notifier.start();
    // Steps past their due time are escalated every minute (and when a request is read or
    // decided), on this instance as on any other sharing the database.
    const ApprovalService approvals;
    ApprovalEscalator escalator(database, approvals);
    escalator.start();
    // The trail's head in the journal, out of the database's reach: an anchor for
    // verify-audit --anchor that nobody has to remember to take.
    AuditAnchorLogger anchors(database, std::chrono::minutes(settings.auditAnchorMinutes));
    if (settings.auditAnchorMinutes > 0)
        anchors.start();
    out << QCoreApplication::translate("ServeCommand",
                                       "Branchline server on %1://%2:%3, data in %4. Stop with "
                                       "Ctrl+C.")
                    .arg(server.usesTls() ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(settings.http.address)
                    .arg(server.port())
                    .arg(url.redacted())
        << Qt::endl;
    server.runUntilSignalled();
    anchors.stop();
    escalator.stop();
    notifier.stop();
    out << QCoreApplication::translate("ServeCommand", "Stopped.") << Qt::endl;
    return 0;
}

} // namespace branchline::server
