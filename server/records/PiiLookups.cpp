// SPDX-License-Identifier: GPL-3.0-or-later
#include "PiiLookups.h"

#include "core/AuditLog.h"
#include "domain/rules/FieldPolicy.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline::server {

QString PiiLookups::fieldOf(const QString &column)
{
    static const QString suffix = QStringLiteral("_bidx");
    return column.endsWith(suffix) ? column.chopped(suffix.size()) : column;
}

std::optional<RecordOutcome> PiiLookups::refuseRole(const Caller &caller, RecordType type,
                                                    const QString &field)
{
    if (FieldPolicy::mayReveal(caller.role, type, field))
        return std::nullopt;
    return RecordSupport::failure(
            403, QStringLiteral("pii_lookup_not_allowed"),
            tr("Your role may not search by a full \"%1\": a match would show personal data you "
               "may not see unmasked. Search by name instead.")
                    .arg(field));
}

std::optional<RecordOutcome> PiiLookups::admit(const Database &database, const Caller &caller,
                                               const QString &table, const QString &field,
                                               int matches, int perHour)
{
    std::optional<RecordOutcome> refusal;
    QString error;
    const bool ok = database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                const QDateTime now = QDateTime::currentDateTimeUtc();
                QSqlQuery query(db);
                query.prepare(QStringLiteral(
                        "SELECT count(*) FROM pii_lookups WHERE user_id = ? AND at > ?"));
                query.addBindValue(caller.userId);
                query.addBindValue(now.addSecs(-3600).toString(Qt::ISODateWithMs));
                if (!query.exec() || !query.next()) {
                    *txError = query.lastError().text();
                    return false;
                }
                const int used = query.value(0).toInt();
                query.finish();
                if (used >= perHour) {
                    refusal = RecordSupport::failure(
                            429, QStringLiteral("too_many_lookups"),
                            tr("You have searched by a full identifier %n times in the last "
                               "hour, the most allowed. Search by name, or try again later.",
                               nullptr, perHour));
                    return AuditLog::append(
                            db,
                            { caller.userId, QStringLiteral("pii.lookup_refused"), table, QString(),
                              QString(),
                              RecordSupport::json({ { QStringLiteral("field"), field } }) },
                            txError);
                }
                // Yesterday's counts are of no use to the limit.
                query.prepare(
                        QStringLiteral("DELETE FROM pii_lookups WHERE user_id = ? AND at < ?"));
                query.addBindValue(caller.userId);
                query.addBindValue(now.addDays(-1).toString(Qt::ISODateWithMs));
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                query.prepare(QStringLiteral(
                        "INSERT INTO pii_lookups (user_id, field, at) VALUES (?, ?, ?)"));
                query.addBindValue(caller.userId);
                query.addBindValue(field);
                query.addBindValue(now.toString(Qt::ISODateWithMs));
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                return AuditLog::append(
                        db,
                        { caller.userId, QStringLiteral("pii.lookup"), table, QString(), QString(),
                          RecordSupport::json({ { QStringLiteral("field"), field },
                                                { QStringLiteral("matches"), matches } }) },
                        txError);
            },
            &error);
    if (!ok)
        return RecordSupport::storageFailure(error);
    return refusal;
}

} // namespace branchline::server
