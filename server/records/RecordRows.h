// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PiiTable.h"
#include "RecordSupport.h"
#include "core/Database.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline::server {

// Whether a read locks the row until the transaction ends (on PostgreSQL; see
// Database::forUpdate) because the transaction goes on to change it.
enum class RowLock { None, ForUpdate };

// The SQL of one kind of record: load by id for everyone, and insert, update every field,
// soft delete and restore for the WriteGate alone, so that no write path can skip its
// checks. The record's version is set by ChangeLog in the same transaction. Its PII fields
// (FieldPolicy) are written sealed, each with its blind index (PiiTable), and read back
// opened (Kind::read).
template<typename Kind>
class WriteGate;

template<typename Kind>
class RecordRows
{
public:
    using Record = typename Kind::Record;

    // Finds `id`, deleted or not; `found` says whether it exists at all. Callers that write
    // what they decide from it in the same transaction (sync's per-field merge, the API's
    // PATCH and DELETE) take the row lock (Database::forUpdate): without it, two writers to
    // the same record at once both read it, and the later one writes every field back from
    // its stale copy, undoing the other's change without a journal entry.
    static bool load(QSqlDatabase &db, const QString &id, Record *record, bool *found,
                     QString *error, RowLock lock = RowLock::ForUpdate)
    {
        QSqlQuery query(db);
        query.prepare(
                QStringLiteral("SELECT %1 FROM %2 WHERE id = ?%3")
                        .arg(Kind::selectColumns(), Kind::table(),
                             lock == RowLock::ForUpdate ? Database::forUpdate(db) : QString()));
        query.addBindValue(id);
        if (!query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        *found = query.next();
        if (*found)
            *record = Kind::read(query);
        return true;
    }

    // The fields whose value differs between two states of a record.
    static QStringList changedFields(const Record &before, const Record &after)
    {
        const QJsonObject old = Kind::toJson(before);
        const QJsonObject now = Kind::toJson(after);
        QStringList changed;
        for (const QString &field : Kind::fields())
            if (old.value(field) != now.value(field))
                changed << field;
        return changed;
    }

    // The fields of `set` in which a new record differs from the one the server would make
    // anyway: a default record owned by the caller in their branch. Only these are the
    // caller's choice and need their permission to edit: a client's outbox sends every
    // column of its new row, so a rep's own customer arrives with the rep as owner, the
    // rep's branch and the status "prospect", none of which a rep may set.
    static QStringList chosenOnCreate(const Record &record, const QStringList &set,
                                      const Caller &caller)
    {
        Record defaults;
        Kind::applyDefaults(defaults, caller);
        const QStringList differs = changedFields(defaults, record);
        QStringList chosen;
        for (const QString &field : set)
            if (differs.contains(field))
                chosen << field;
        return chosen;
    }

private:
    // Only the write gate writes rows: every write path goes through its checks.
    friend class WriteGate<Kind>;

    static bool insert(QSqlDatabase &db, Record &record, QString *error)
    {
        const PiiTable &pii = PiiTable::of<Kind>();
        const QStringList columns = Kind::fields() + pii.indexColumns();
        QSqlQuery query(db);
        query.prepare(QStringLiteral("INSERT INTO %1 (id, version, created_at, updated_at, %2) "
                                     "VALUES (?, 0, ?, ?%3)")
                              .arg(Kind::table(), columns.join(QStringLiteral(", ")),
                                   QStringLiteral(", ?").repeated(int(columns.size()))));
        const QString stamp = RecordSupport::now();
        query.addBindValue(record.meta.id);
        query.addBindValue(stamp);
        query.addBindValue(stamp);
        Kind::bindAll(query, record);
        if (!pii.sealBound(query, 3, record.meta.id, error))
            return false;
        if (!query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        record.meta.createdAt = QDateTime::fromString(stamp, Qt::ISODateWithMs);
        record.meta.updatedAt = record.meta.createdAt;
        return true;
    }

    static bool update(QSqlDatabase &db, Record &record, QString *error)
    {
        const PiiTable &pii = PiiTable::of<Kind>();
        QStringList assignments;
        for (const QString &column : Kind::fields() + pii.indexColumns())
            assignments << column + QStringLiteral(" = ?");
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE %1 SET updated_at = ?, %2 WHERE id = ?")
                              .arg(Kind::table(), assignments.join(QStringLiteral(", "))));
        const QString stamp = RecordSupport::now();
        query.addBindValue(stamp);
        Kind::bindAll(query, record);
        if (!pii.sealBound(query, 1, record.meta.id, error))
            return false;
        query.addBindValue(record.meta.id);
        if (!query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        record.meta.updatedAt = QDateTime::fromString(stamp, Qt::ISODateWithMs);
        return true;
    }

    // Brings a tombstone back (a conflict resolved for an edit over a delete).
    static bool restore(QSqlDatabase &db, const QString &id, QString *error)
    {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE %1 SET deleted = 0 WHERE id = ?").arg(Kind::table()));
        query.addBindValue(id);
        if (query.exec())
            return true;
        *error = query.lastError().text();
        return false;
    }

    static bool softDelete(QSqlDatabase &db, const QString &id, QString *error)
    {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE %1 SET deleted = 1, updated_at = ? WHERE id = ?")
                              .arg(Kind::table()));
        query.addBindValue(RecordSupport::now());
        query.addBindValue(id);
        if (!query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        return true;
    }
};

} // namespace branchline::server
