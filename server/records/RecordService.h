// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PiiLookups.h"
#include "RecordRows.h"
#include "RecordSupport.h"
#include "core/AuditLog.h"
#include "core/DataScope.h"
#include "core/Database.h"
#include "gate/WriteGate.h"
#include "domain/rules/RecordValidator.h"
#include "domain/rules/TextLimits.h"
#include "sync/ChangeLog.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrlQuery>
#include <QUuid>

namespace branchline::server {

// A kind of record through the API: every call limited to the caller's data scope (a record
// outside it answers exactly as a missing one), every field to the caller's field
// permissions, PII masked unless the role may see it and the request gives a reason (which
// is audited), every write validated with the client's rules and audited in the same
// transaction, by field names only.
//
// `Kind` describes the record: its struct (with `meta`), table, fields, JSON and row
// conversions, exact PII search, how it is scoped (OwnedRecordKind, or through a parent)
// and kind-specific refusals (see CustomerJson, LeadJson, TaskJson, ContactJson).
template<typename Kind>
class RecordService
{
public:
    using Record = typename Kind::Record;
    using Outcome = RecordOutcome;

    // `piiLookupsPerHour`: how many searches by a full identifier a user may make an hour
    // (PiiLookups).
    explicit RecordService(const Database &database,
                           int piiLookupsPerHour = PiiLookups::defaultPerHour)
        : m_database(database)
        , m_piiLookupsPerHour(piiLookupsPerHour)
    {
    }

    // ?q= (name, or a full identifier matched exactly), the kind's filters, limit (1-200),
    // sort (name, the default, or -updated_at for newest changes first), and the previous
    // page's "next" (after_name or after_updated, with after_id).
    Outcome list(const Caller &caller, const QUrlQuery &parameters) const
    {
        QString error;
        QSqlDatabase db = m_database.connection(&error);
        if (!db.isOpen())
            return RecordSupport::storageFailure(error);
        DataScope scope;
        if (!DataScope::resolve(db, caller, &scope, &error))
            return RecordSupport::storageFailure(error);
        int limit = 0;
        if (auto refusal = RecordSupport::refuseLimit(
                    parameters.queryItemValue(QStringLiteral("limit")), &limit))
            return *refusal;

        const QString name = Kind::nameColumn();
        QVariantList values;
        QStringList conditions{ QStringLiteral("deleted = 0"),
                                Kind::scopeCondition(scope, &values) };
        const QString text =
                parameters.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded).trimmed();
        if (!TextLimits::fits(text, TextLimits::searchQuery))
            return RecordSupport::failure(
                    400, QStringLiteral("too_long"),
                    QCoreApplication::translate("RecordService",
                                                "\"q\" is too long: at most %n characters.",
                                                nullptr, TextLimits::searchQuery));
        QString lookedUp; // the PII field searched by, if any
        if (!text.isEmpty()) {
            // PII matches only in full, and only for roles that may see it; names match as
            // a substring.
            QString column;
            QString value;
            if (Kind::exactMatch(text, &column, &value)) {
                lookedUp = PiiLookups::fieldOf(column);
                if (auto refusal = PiiLookups::refuseRole(caller, Kind::type, lookedUp))
                    return *refusal;
                conditions << column + QStringLiteral(" = ?");
                values << value;
            } else {
                conditions << name + QStringLiteral(" LIKE ? ESCAPE '\\'");
                values << RecordSupport::containsPattern(text);
            }
        }
        for (const QString &filter : Kind::filterColumns()) {
            if (parameters.hasQueryItem(filter)) {
                conditions << filter + QStringLiteral(" = ?");
                values << parameters.queryItemValue(filter, QUrl::FullyDecoded);
            }
        }
        bool newestFirst = false;
        if (auto refusal = RecordSupport::refuseSort(
                    parameters.queryItemValue(QStringLiteral("sort")), &newestFirst))
            return *refusal;
        // Keyset paging on (key, id): page 500 costs what page 1 costs.
        const QString key = newestFirst ? QStringLiteral("updated_at") : name;
        const QString cursor =
                newestFirst ? QStringLiteral("after_updated") : QStringLiteral("after_name");
        if (parameters.hasQueryItem(QStringLiteral("after_id"))) {
            conditions << QStringLiteral("(%1 %2 ? OR (%1 = ? AND id %2 ?))")
                                  .arg(key,
                                       newestFirst ? QStringLiteral("<") : QStringLiteral(">"));
            const QString after = parameters.queryItemValue(cursor, QUrl::FullyDecoded);
            values << after << after
                   << parameters.queryItemValue(QStringLiteral("after_id"), QUrl::FullyDecoded);
        }
        const QString order = newestFirst ? QStringLiteral("updated_at DESC, id DESC")
                                          : name + QStringLiteral(", id");
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE %3 ORDER BY %4 LIMIT ?")
                                   .arg(Kind::selectColumns(), Kind::table(),
                                        conditions.join(QStringLiteral(" AND ")), order)))
            return RecordSupport::storageFailure(query.lastError().text());
        for (const QVariant &value : std::as_const(values))
            query.addBindValue(value);
        query.addBindValue(limit + 1); // one more tells whether there is a next page
        if (!query.exec())
            return RecordSupport::storageFailure(query.lastError().text());
        QJsonArray items;
        QString lastKey;
        QString lastId;
        bool more = false;
        while (query.next()) {
            if (items.size() == limit) {
                more = true;
                break;
            }
            const Record record = Kind::read(query);
            const QJsonObject object = present(caller, record, {});
            lastKey = newestFirst ? record.meta.updatedAt.toUTC().toString(Qt::ISODateWithMs)
                                  : object.value(name).toString();
            lastId = record.meta.id;
            items.append(object);
        }
        query.finish();
        if (!lookedUp.isEmpty()) {
            if (auto refusal = PiiLookups::admit(m_database, caller, Kind::table(), lookedUp,
                                                 int(items.size()), m_piiLookupsPerHour))
                return *refusal;
        }
        QJsonObject body{ { QStringLiteral("items"), items } };
        body.insert(QStringLiteral("next"),
                    more ? QJsonValue(QJsonObject{ { cursor, lastKey },
                                                   { QStringLiteral("after_id"), lastId } })
                         : QJsonValue());
        return Outcome{ 200, body };
    }

    // `reveal` names PII fields to show in clear; `reason` is required with it.
    Outcome get(const Caller &caller, const QString &id, const QStringList &reveal,
                const QString &reason) const
    {
        if (auto refusal = RecordSupport::refuseReveal(caller.role, Kind::type, reveal, reason))
            return *refusal;
        if (!TextLimits::fits(reason, TextLimits::reason))
            return RecordSupport::failure(
                    400, QStringLiteral("too_long"),
                    QCoreApplication::translate("RecordService",
                                                "\"reason\" is too long: at most %n "
                                                "characters.",
                                                nullptr, TextLimits::reason));
        return withRecordInScope(caller, id, RowLock::None,
                                 [&](QSqlDatabase &db, const DataScope &, const Record &record,
                                     Outcome *outcome, QString *txError) {
                                     *outcome = Outcome{ 200, present(caller, record, reveal) };
                                     if (reveal.isEmpty())
                                         return true;
                                     return audit(db, caller, QStringLiteral("pii.unmask"), id,
                                                  reason.trimmed(), reveal, txError);
                                 });
    }

    Outcome create(const Caller &caller, const QJsonObject &body) const
    {
        Record record;
        QStringList set;
        QString problem;
        if (!Kind::apply(body, &record, &set, &problem))
            return RecordSupport::failure(400, QStringLiteral("bad_field"), problem);
        record.meta.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        Outcome outcome;
        QString error;
        const bool ok = m_database.inTransaction(
                [&](QSqlDatabase &db, QString *txError) {
                    WriteActor actor;
                    if (!actorFor(db, caller, &actor, txError))
                        return false;
                    std::optional<WriteRefusal> refusal;
                    if (!WriteGate<Kind>::create(db, actor, record, set, &refusal, txError))
                        return false;
                    outcome = refusal ? WriteGateSupport::outcome(*refusal)
                                      : Outcome{ 201, present(caller, record, {}) };
                    return true;
                },
                &error);
        return ok ? outcome : RecordSupport::storageFailure(error);
    }

    Outcome update(const Caller &caller, const QString &id, const QJsonObject &body) const
    {
        return withRecordForWrite(caller, id,
                                  [&](QSqlDatabase &db, const WriteActor &actor,
                                      const Record &before, Outcome *outcome, QString *txError) {
                                      Record record = before;
                                      QStringList set;
                                      QString problem;
                                      if (!Kind::apply(body, &record, &set, &problem)) {
                                          *outcome = RecordSupport::failure(
                                                  400, QStringLiteral("bad_field"), problem);
                                          return true;
                                      }
                                      std::optional<WriteRefusal> refusal;
                                      QStringList changed;
                                      if (!WriteGate<Kind>::update(db, actor, before, record, set,
                                                                   &refusal, &changed, txError))
                                          return false;
                                      *outcome = refusal
                                              ? WriteGateSupport::outcome(*refusal)
                                              : Outcome{ 200, present(caller, record, {}) };
                                      return true;
                                  });
    }

    Outcome remove(const Caller &caller, const QString &id) const
    {
        return withRecordForWrite(
                caller, id,
                [&](QSqlDatabase &db, const WriteActor &actor, const Record &before,
                    Outcome *outcome, QString *txError) {
                    std::optional<WriteRefusal> refusal;
                    if (!WriteGate<Kind>::remove(db, actor, before, &refusal, txError))
                        return false;
                    *outcome = refusal
                            ? WriteGateSupport::outcome(*refusal)
                            : Outcome{ 200,
                                       QJsonObject{ { QStringLiteral("id"), id },
                                                    { QStringLiteral("deleted"), true } } };
                    return true;
                });
    }

private:
    QJsonObject present(const Caller &caller, const Record &record,
                        const QStringList &revealed) const
    {
        return RecordSupport::present(caller.role, Kind::type, Kind::toJson(record), Kind::fields(),
                                      revealed);
    }

    // Audit entries name the fields involved, never their values: PII stays out of the log.
    bool audit(QSqlDatabase &db, const Caller &caller, const QString &action, const QString &id,
               const QString &reason, const QStringList &fields, QString *error) const
    {
        const QString detail = fields.isEmpty()
                ? QString()
                : RecordSupport::json(
                        { { QStringLiteral("fields"), QJsonArray::fromStringList(fields) } });
        return AuditLog::append(db, { caller.userId, action, Kind::table(), id, reason, detail },
                                error);
    }

    // Runs `work` in one transaction on record `id` if it exists and lies in the caller's
    // scope; otherwise the outcome is a 404. `work` fills the outcome and returns false only
    // on a storage error, which rolls everything back. A `work` that changes the record asks
    // for RowLock::ForUpdate, so it decides from the row as it is until commit, not from a
    // copy another writer is about to replace (RecordRows::load).
    template<typename Work>
    Outcome withRecordInScope(const Caller &caller, const QString &id, RowLock lock,
                              Work work) const
    {
        Outcome outcome;
        QString error;
        const bool ok = m_database.inTransaction(
                [&](QSqlDatabase &db, QString *txError) {
                    DataScope scope;
                    if (!DataScope::resolve(db, caller, &scope, txError))
                        return false;
                    Record record;
                    bool found = false;
                    if (!RecordRows<Kind>::load(db, id, &record, &found, txError, lock))
                        return false;
                    found = found && !record.meta.deleted;
                    bool inside = false;
                    if (found && !Kind::inScope(db, scope, record, &inside, txError))
                        return false;
                    if (!found || !inside) {
                        outcome = RecordSupport::failure(404, QStringLiteral("not_found"),
                                                         Kind::notFound(id));
                        return true;
                    }
                    return work(db, scope, record, &outcome, txError);
                },
                &error);
        return ok ? outcome : RecordSupport::storageFailure(error);
    }

    static bool actorFor(QSqlDatabase &db, const Caller &caller, WriteActor *actor, QString *error)
    {
        actor->caller = caller;
        actor->channel = WriteChannel::Api;
        return DataScope::resolve(db, caller, &actor->scope, error);
    }

    // Runs `work` in one transaction on record `id`, locked, if it exists and lies in the
    // caller's scope (WriteGate::load); otherwise the outcome is a 404, the same for a
    // record of another branch as for one that does not exist.
    template<typename Work>
    Outcome withRecordForWrite(const Caller &caller, const QString &id, Work work) const
    {
        Outcome outcome;
        QString error;
        const bool ok = m_database.inTransaction(
                [&](QSqlDatabase &db, QString *txError) {
                    WriteActor actor;
                    if (!actorFor(db, caller, &actor, txError))
                        return false;
                    Record record;
                    bool visible = false;
                    if (!WriteGate<Kind>::load(db, actor, id, &record, &visible, false, txError))
                        return false;
                    if (!visible) {
                        outcome = RecordSupport::failure(404, QStringLiteral("not_found"),
                                                         Kind::notFound(id));
                        return true;
                    }
                    return work(db, actor, record, &outcome, txError);
                },
                &error);
        return ok ? outcome : RecordSupport::storageFailure(error);
    }

    const Database &m_database;
    int m_piiLookupsPerHour;
};

} // namespace branchline::server
