// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConflictJournal.h"

#include "ChangeLog.h"
#include "core/Database.h"
#include "core/PiiVault.h"
#include "core/SqlValues.h"
#include "records/RecordSupport.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace branchline::server {

QString ConflictJournal::selectColumns()
{
    return QStringLiteral("id, table_name, record_id, field, kind, base_version, server_value, "
                          "client_value, client_id, mutation, user_id, other_user_id, branch_id, "
                          "code, message, resolution, resolver_id, version, created_at, "
                          "updated_at");
}

const PiiTable &ConflictJournal::piiTable()
{
    static const PiiTable table(QStringLiteral("sync_conflicts"),
                                { PiiColumn{ QStringLiteral("server_value"), std::nullopt, -1 },
                                  PiiColumn{ QStringLiteral("client_value"), std::nullopt, -1 } });
    return table;
}

ConflictEntry ConflictJournal::read(const QSqlQuery &query, qint64 *version, QString *createdAt,
                                    QString *updatedAt)
{
    ConflictEntry entry;
    int i = 0;
    entry.id = query.value(i++).toString();
    entry.table = query.value(i++).toString();
    entry.recordId = query.value(i++).toString();
    entry.field = query.value(i++).toString();
    entry.kind = query.value(i++).toString();
    entry.baseVersion = query.value(i++).toLongLong();
    const auto opened = [&](const QString &column) {
        return sync::decodeValue(PiiVault::openOrThrow(
                query.value(i++).toString(), PiiPlace{ piiTable().table(), column, entry.id }));
    };
    entry.serverValue = opened(QStringLiteral("server_value"));
    entry.clientValue = opened(QStringLiteral("client_value"));
    entry.clientId = query.value(i++).toString();
    entry.mutation = query.value(i++).toLongLong();
    entry.userId = query.value(i++).toString();
    entry.otherUserId = query.value(i++).toString();
    entry.branchId = query.value(i++).toString();
    entry.code = query.value(i++).toString();
    entry.message = query.value(i++).toString();
    entry.resolution = query.value(i++).toString();
    entry.resolverId = query.value(i++).toString();
    *version = query.value(i++).toLongLong();
    *createdAt = query.value(i++).toString();
    *updatedAt = query.value(i++).toString();
    return entry;
}

bool ConflictJournal::open(QSqlDatabase &db, ConflictEntry &entry, QString *error)
{
    entry.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString stamp = RecordSupport::now();
    QVariant serverValue;
    QVariant clientValue;
    QVariant unindexed;
    if (!piiTable().protect(QStringLiteral("server_value"), entry.id,
                            sync::encodeValue(entry.serverValue), &serverValue, &unindexed, error)
        || !piiTable().protect(QStringLiteral("client_value"), entry.id,
                               sync::encodeValue(entry.clientValue), &clientValue, &unindexed,
                               error))
        return false;
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
            "INSERT INTO sync_conflicts (id, table_name, record_id, field, kind, base_version, "
            "server_value, client_value, client_id, mutation, user_id, other_user_id, "
            "branch_id, code, message, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(entry.id);
    query.addBindValue(entry.table);
    query.addBindValue(entry.recordId);
    query.addBindValue(textValue(entry.field));
    query.addBindValue(entry.kind);
    query.addBindValue(entry.baseVersion);
    query.addBindValue(serverValue);
    query.addBindValue(clientValue);
    query.addBindValue(nullableText(entry.clientId));
    query.addBindValue(entry.mutation);
    query.addBindValue(nullableText(entry.userId));
    query.addBindValue(nullableText(entry.otherUserId));
    query.addBindValue(nullableText(entry.branchId));
    query.addBindValue(textValue(entry.code));
    query.addBindValue(textValue(entry.message));
    query.addBindValue(stamp);
    query.addBindValue(stamp);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    qint64 seq = 0;
    return ChangeLog::record(db, QStringLiteral("sync_conflicts"), entry.id, {},
                             ScopeKeys{ entry.userId, entry.branchId, false },
                             ScopeKeys{ entry.userId, entry.branchId, false }, QString(), &seq,
                             error);
}

bool ConflictJournal::load(QSqlDatabase &db, const QString &id, ConflictEntry *entry, bool *found,
                           QString *error)
{
    // Locked to commit: two resolutions of one conflict at once take turns, and the second
    // sees the first's resolution instead of applying its own as well.
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM sync_conflicts WHERE id = ?%2")
                          .arg(selectColumns(), Database::forUpdate(db)));
    query.addBindValue(id);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    *found = query.next();
    if (*found) {
        qint64 version = 0;
        QString created;
        QString updated;
        *entry = read(query, &version, &created, &updated);
    }
    return true;
}

bool ConflictJournal::markResolved(QSqlDatabase &db, const ConflictEntry &entry, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE sync_conflicts SET resolution = ?, resolver_id = ?, "
                                 "resolved_at = ?, updated_at = ? WHERE id = ?"));
    const QString stamp = RecordSupport::now();
    query.addBindValue(entry.resolution);
    query.addBindValue(entry.resolverId);
    query.addBindValue(stamp);
    query.addBindValue(stamp);
    query.addBindValue(entry.id);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    qint64 seq = 0;
    const ScopeKeys keys{ entry.userId, entry.branchId, false };
    return ChangeLog::record(db, QStringLiteral("sync_conflicts"), entry.id,
                             { QStringLiteral("resolution") }, keys, keys, entry.resolverId, &seq,
                             error);
}

} // namespace branchline::server
