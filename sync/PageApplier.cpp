// SPDX-License-Identifier: GPL-3.0-or-later
#include "PageApplier.h"

#include "LocalJournal.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QUuid>

#include <cmath>

namespace branchline::sync {

namespace {

const QChar keySeparator(0x1f);

QString keyOf(const QString &table, const QString &id)
{
    return table + keySeparator + id;
}

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QVariant nullValue()
{
    return QVariant(QMetaType::fromType<QString>());
}

// A wire value as SQLite stores it: booleans as 0/1, whole numbers as integers, objects
// and arrays as their compact JSON text.
QVariant sqlValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return qint64(value.toBool() ? 1 : 0);
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::isfinite(number) && number == std::trunc(number) && std::abs(number) < 9.2e18)
            return value.toInteger(qint64(number));
        return number;
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return nullValue();
}

// Columns a pulled row never writes: this device's row number, the key, and the version,
// which is the change's seq.
bool isBookkeeping(const QString &column)
{
    return column == QLatin1String("local_id") || column == QLatin1String("id")
            || column == QLatin1String("version");
}

} // namespace

PageApplier::PageApplier(QSqlDatabase db)
    : m_db(std::move(db))
{
}

bool PageApplier::run(QSqlQuery &query, StoreError *error)
{
    if (query.exec())
        return true;
    *error = StoreError::fromSql(query.lastError());
    return false;
}

QSqlQuery *PageApplier::statement(const QString &sql, StoreError *error)
{
    auto it = m_statements.find(sql);
    if (it != m_statements.end())
        return it->second.get();
    auto query = std::make_unique<QSqlQuery>(m_db);
    query->setForwardOnly(true);
    if (!query->prepare(sql)) {
        *error = StoreError::fromSql(query->lastError());
        return nullptr;
    }
    return m_statements.emplace(sql, std::move(query)).first->second.get();
}

bool PageApplier::table(const QString &name, Table *table, StoreError *error)
{
    auto it = m_tables.constFind(name);
    if (it != m_tables.constEnd()) {
        *table = it.value();
        return true;
    }
    Table info;
    // Only names of the protocol's synced tables reach SQL text; the rest is ignored.
    if (isSyncedTable(name)) {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("PRAGMA table_info(%1)").arg(name))) {
            *error = StoreError::fromSql(query.lastError());
            return false;
        }
        while (query.next()) {
            info.columns.insert(query.value(1).toString());
            if (query.value(3).toInt() == 0)
                info.nullable.insert(query.value(1).toString());
        }
        info.exists = !info.columns.isEmpty();
    }
    m_tables.insert(name, info);
    *table = info;
    return true;
}

QStringList PageApplier::localRecordTables(StoreError *error)
{
    QStringList tables;
    for (const QString &name : syncedTables()) {
        if (name == QLatin1String("sync_conflicts"))
            continue; // the journal is never purged automatically (rule 10)
        Table info;
        if (!table(name, &info, error))
            return {};
        if (info.exists)
            tables << name;
    }
    return tables;
}

bool PageApplier::pendingFor(const PullPage &page, Pending *pending, StoreError *error)
{
    QSet<QString> keys;
    for (const Change &change : page.changes)
        keys.insert(keyOf(change.table, change.id));
    if (keys.isEmpty())
        return true;
    // One read of the outbox per page, usually empty or a handful of rows.
    QSqlQuery *query = statement(
            QStringLiteral("SELECT table_name, record_id, op, fields FROM outbox"), error);
    if (!query || !run(*query, error))
        return false;
    while (query->next()) {
        const QString key = keyOf(query->value(0).toString(), query->value(1).toString());
        if (!keys.contains(key))
            continue;
        QSet<QString> &fields = (*pending)[key];
        const QString op = query->value(2).toString();
        if (op == QLatin1String("delete")) {
            fields.insert(QStringLiteral("deleted"));
        } else if (op == QLatin1String("resolve")) {
            fields.insert(QStringLiteral("resolution"));
            fields.insert(QStringLiteral("resolver_id"));
            fields.insert(QStringLiteral("resolved_at"));
        } else {
            const QJsonObject edited =
                    QJsonDocument::fromJson(query->value(3).toString().toUtf8()).object();
            for (auto it = edited.begin(); it != edited.end(); ++it)
                fields.insert(it.key());
        }
    }
    query->finish();
    return true;
}

bool PageApplier::apply(const PullPage &page, bool markSeen, StoreError *error)
{
    // Column sets vary little (one per table and pending-field combination); the bound
    // keeps a long session with unusual pages from hoarding statements. Only between
    // pages: statements handed out stay valid while a page is applied.
    if (m_statements.size() > 200)
        m_statements.clear();
    Pending pending;
    if (!pendingFor(page, &pending, error))
        return false;
    QSqlQuery *seen = nullptr;
    if (markSeen) {
        seen = statement(QStringLiteral("INSERT OR IGNORE INTO sync_snapshot_seen "
                                        "(table_name, record_id) VALUES (?, ?)"),
                         error);
        if (!seen)
            return false;
    }
    for (const Change &change : page.changes) {
        Table info;
        if (!table(change.table, &info, error))
            return false;
        if (!info.exists)
            continue; // a table this schema does not have yet (a newer server)
        const auto found = pending.constFind(keyOf(change.table, change.id));
        const QSet<QString> *pendingFields = found == pending.constEnd() ? nullptr : &*found;
        if (change.op == Change::Op::Remove) {
            if (!remove(change, pendingFields != nullptr, error))
                return false;
            continue;
        }
        if (!upsert(change, info, pendingFields, page.mode == PullPage::Mode::Snapshot, error))
            return false;
        if (seen) {
            seen->bindValue(0, change.table);
            seen->bindValue(1, change.id);
            if (!run(*seen, error))
                return false;
        }
    }
    return true;
}

bool PageApplier::upsert(const Change &change, const Table &table,
                         const QSet<QString> *pendingFields, bool likelyNew, StoreError *error)
{
    // Keys arrive sorted (QJsonObject), so one table's rows share one statement.
    QStringList columns;
    QVariantList values;
    QStringList assignments;
    QVariantList assigned;
    for (auto it = change.row.begin(); it != change.row.end(); ++it) {
        const QString &column = it.key();
        if (isBookkeeping(column) || !table.columns.contains(column))
            continue; // unknown keys come from a newer server
        // The wire says "" for an absent optional value; here such columns hold NULL, which
        // their CHECK constraints (risk level, related table, resolution) accept.
        const bool absent = it.value().isString() && it.value().toString().isEmpty()
                && table.nullable.contains(column);
        const QVariant value =
                absent ? QVariant(QMetaType::fromType<QString>()) : sqlValue(it.value());
        columns << column;
        values << value;
        // A field with an edit still in the outbox keeps its local value (rule 14).
        if (pendingFields && pendingFields->contains(column))
            continue;
        assignments << column + QStringLiteral(" = ?");
        assigned << value;
    }
    assignments << QStringLiteral("version = ?");
    assigned << change.seq;

    // A snapshot page brings mostly rows this store does not have: INSERT first saves the
    // UPDATE's index search on each of them. A tail page brings mostly known rows. Never
    // INSERT OR REPLACE, which would give the row a new local_id (the full-text docid and
    // the list models' key).
    bool changed = false;
    bool existed = false;
    if (likelyNew && !insertRow(change, table, columns, values, &changed, error))
        return false;
    if (!changed) {
        if (!updateRow(change, assignments, assigned, &existed, error))
            return false;
        if (!existed && !likelyNew && !insertRow(change, table, columns, values, &changed, error))
            return false;
        if (!existed && !changed)
            return refuseRow(change, error);
    }
    return replaceVersions(change, existed, error);
}

bool PageApplier::updateRow(const Change &change, const QStringList &assignments,
                            const QVariantList &assigned, bool *existed, StoreError *error)
{
    QSqlQuery *update = statement(QStringLiteral("UPDATE %1 SET %2 WHERE id = ?")
                                          .arg(change.table, assignments.join(QLatin1Char(','))),
                                  error);
    if (!update)
        return false;
    int index = 0;
    for (const QVariant &value : assigned)
        update->bindValue(index++, value);
    update->bindValue(index, change.id);
    if (!run(*update, error))
        return false;
    *existed = update->numRowsAffected() > 0;
    return true;
}

bool PageApplier::insertRow(const Change &change, const Table &table, QStringList columns,
                            QVariantList values, bool *inserted, StoreError *error)
{
    const QString now = nowText();
    for (const char *stamp : { "created_at", "updated_at" }) {
        const QString column = QString::fromLatin1(stamp);
        if (!columns.contains(column) && table.columns.contains(column)) {
            columns << column;
            values << now;
        }
    }
    columns << QStringLiteral("version") << QStringLiteral("id");
    values << change.seq << change.id;
    QStringList marks;
    for (int i = 0; i < columns.size(); ++i)
        marks << QStringLiteral("?");
    // OR IGNORE: a row that already exists is updated instead (see upsert()).
    QSqlQuery *insert = statement(QStringLiteral("INSERT OR IGNORE INTO %1 (%2) VALUES (%3)")
                                          .arg(change.table, columns.join(QLatin1Char(',')),
                                               marks.join(QLatin1Char(','))),
                                  error);
    if (!insert)
        return false;
    for (int i = 0; i < values.size(); ++i)
        insert->bindValue(i, values.at(i));
    if (!run(*insert, error))
        return false;
    *inserted = insert->numRowsAffected() > 0;
    return true;
}

bool PageApplier::refuseRow(const Change &change, StoreError *error)
{
    // Neither inserted nor there to update: OR IGNORE skipped a row that breaks a
    // constraint (NOT NULL, CHECK). The page is refused rather than applied without it.
    *error = StoreError::make(
            StoreError::Kind::Other,
            QStringLiteral("a pulled %1 row breaks a constraint").arg(change.table));
    error->message = tr("A record from the server does not fit this computer's store; sync "
                        "stopped before applying it.");
    return false;
}

bool PageApplier::replaceVersions(const Change &change, bool existed, StoreError *error)
{
    if (existed) {
        QSqlQuery *clear = statement(QStringLiteral("DELETE FROM field_versions "
                                                    "WHERE table_name = ? AND record_id = ?"),
                                     error);
        if (!clear)
            return false;
        clear->bindValue(0, change.table);
        clear->bindValue(1, change.id);
        if (!run(*clear, error))
            return false;
    }
    if (change.versions.isEmpty())
        return true;
    QSqlQuery *insert = statement(QStringLiteral("INSERT INTO field_versions "
                                                 "(table_name, record_id, field, version) "
                                                 "VALUES (?, ?, ?, ?)"),
                                  error);
    if (!insert)
        return false;
    for (auto it = change.versions.cbegin(); it != change.versions.cend(); ++it) {
        insert->bindValue(0, change.table);
        insert->bindValue(1, change.id);
        insert->bindValue(2, it.key());
        insert->bindValue(3, it.value());
        if (!run(*insert, error))
            return false;
    }
    return true;
}

bool PageApplier::remove(const Change &change, bool hasPending, StoreError *error)
{
    if (hasPending && !journalPendingEdits(change.table, change.id, error))
        return false;
    // Out of scope means gone from this device, tombstone included (rule 11).
    QSqlQuery *row =
            statement(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(change.table), error);
    if (!row)
        return false;
    row->bindValue(0, change.id);
    if (!run(*row, error))
        return false;
    QSqlQuery *versions = statement(
            QStringLiteral("DELETE FROM field_versions WHERE table_name = ? AND record_id = ?"),
            error);
    if (!versions)
        return false;
    versions->bindValue(0, change.table);
    versions->bindValue(1, change.id);
    return run(*versions, error);
}

bool PageApplier::journalPendingEdits(const QString &table, const QString &recordId,
                                      StoreError *error)
{
    QSqlQuery edits(m_db);
    edits.setForwardOnly(true);
    edits.prepare(QStringLiteral("SELECT mutation, fields, base_version FROM outbox "
                                 "WHERE table_name = ? AND record_id = ? ORDER BY mutation"));
    edits.addBindValue(table);
    edits.addBindValue(recordId);
    if (!run(edits, error))
        return false;
    struct Edit
    {
        qint64 mutation;
        QString fields;
        qint64 baseVersion;
    };
    QList<Edit> found;
    while (edits.next())
        found.append({ edits.value(0).toLongLong(), edits.value(1).toString(),
                       edits.value(2).toLongLong() });
    edits.finish();

    LocalJournal journal(m_db, m_clientId, m_userId);
    QSqlQuery drop(m_db);
    drop.prepare(QStringLiteral("DELETE FROM outbox WHERE mutation = ?"));
    for (const Edit &edit : std::as_const(found)) {
        LocalJournal::Entry entry;
        entry.table = table;
        entry.recordId = recordId;
        entry.kind = QStringLiteral("scope_removed");
        entry.code = QStringLiteral("scope_removed");
        entry.message = tr("This record was removed from your access before your edit "
                           "reached the server. Your edit is kept here.");
        entry.fields = edit.fields;
        entry.mutation = edit.mutation;
        entry.baseVersion = edit.baseVersion;
        drop.bindValue(0, edit.mutation);
        if (!journal.add(entry, error) || !run(drop, error))
            return false;
    }
    return true;
}

} // namespace branchline::sync
