// SPDX-License-Identifier: GPL-3.0-or-later
#include "DatabaseUrl.h"

#include <QUrl>
#include <QUrlQuery>

namespace branchline::server {

bool DatabaseUrl::parse(const QString &text, DatabaseUrl *url, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        *error = tr("The database URL is empty.");
        return false;
    }
    DatabaseUrl result;
    if (trimmed.startsWith(QLatin1String("postgresql://"))
        || trimmed.startsWith(QLatin1String("postgres://"))) {
        const QUrl parsed(trimmed, QUrl::StrictMode);
        if (!parsed.isValid()) {
            *error = tr("The PostgreSQL URL is not valid: %1").arg(parsed.errorString());
            return false;
        }
        result.engine = Engine::Postgres;
        result.host = parsed.host();
        result.port = parsed.port(5432);
        result.database = parsed.path().mid(1);
        result.user = parsed.userName();
        result.password = parsed.password();
        // libpq's convention: ?host=/path/to/socket/dir selects a Unix socket.
        const QUrlQuery query(parsed);
        if (query.hasQueryItem(QStringLiteral("host")))
            result.host = query.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded);
        if (result.database.isEmpty()) {
            *error = tr("The PostgreSQL URL names no database: add it after the host, as in "
                        "postgresql://user@host/branchline.");
            return false;
        }
    } else if (trimmed.startsWith(QLatin1String("sqlite://"))) {
        result.engine = Engine::Sqlite;
        result.path = trimmed.mid(int(qstrlen("sqlite://")));
    } else if (trimmed.contains(QLatin1String("://"))) {
        *error = tr("Unknown database \"%1\": use a file path, sqlite://<path> or "
                    "postgresql://user@host/database.")
                         .arg(trimmed.section(QLatin1String("://"), 0, 0));
        return false;
    } else {
        result.engine = Engine::Sqlite;
        result.path = trimmed;
    }
    if (result.engine == Engine::Sqlite && result.path.isEmpty()) {
        *error = tr("The SQLite URL names no file.");
        return false;
    }
    *url = result;
    return true;
}

QString DatabaseUrl::redacted() const
{
    if (engine == Engine::Sqlite)
        return QStringLiteral("sqlite://") + path;
    QString text = QStringLiteral("postgresql://");
    if (!user.isEmpty())
        text += user + (password.isEmpty() ? QString() : QStringLiteral(":***")) + QLatin1Char('@');
    return text + host + QLatin1Char(':') + QString::number(port) + QLatin1Char('/') + database;
}

QString DatabaseUrl::qtDriverName() const
{
    return engine == Engine::Postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
}

} // namespace branchline::server
