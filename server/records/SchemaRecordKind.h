// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PiiRow.h"
#include "domain/schema/RecordFields.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlQuery>
#include <QStringList>

namespace branchline::server {

// The messages and bookkeeping columns every schema-mapped kind shares.
class SchemaJson
{
    Q_DECLARE_TR_FUNCTIONS(SchemaJson)

public:
    static QString unknownField(const QString &key, const QString &table);
    static QString wrongType(const QString &key);
    static QString invalidValue(const QJsonValue &value, const QString &key);

    // "id, version, deleted, created_at, updated_at, " and the fields: the order read() takes.
    static QString selectColumns(const QStringList &fields);
    static constexpr int firstField = 5;
    static void readMeta(const PiiRow &row, SyncMeta *meta);
    static void addMeta(QJsonObject *json, const SyncMeta &meta);
};

// The JSON and SQL mapping of a record kind, derived from the record schema and the
// record struct's FieldsOf: what RecordService, SyncTableOf and the write gate ask a kind
// for. A kind adds only what is its own (scope, refusals, checks on a write).
template<typename Kind, typename Record>
struct SchemaRecordKind
{
    static const RecordMapping<Record> &mapping() { return mappingOf<Record>(); }
    static QString table() { return QString(RecordSchema::kind(Kind::type).table); }
    static QStringList fields() { return mapping().keys(); }

    static QJsonObject toJson(const Record &record)
    {
        QJsonObject json = mapping().toJson(record);
        SchemaJson::addMeta(&json, record.meta);
        return json;
    }

    // Sets the fields `object` names and lists them in `set`; false with `problem` on a key
    // the kind does not have or a value the field does not take. id and version identify
    // the record and are never written from a body.
    static bool apply(const QJsonObject &object, Record *record, QStringList *set, QString *problem)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString &key = it.key();
            if (key == QLatin1String("id") || key == QLatin1String("version"))
                continue;
            const BoundField<Record> *field = mapping().field(key);
            if (!field) {
                *problem = SchemaJson::unknownField(key, table());
                return false;
            }
            QVariant value;
            const FieldValues::Fault fault = FieldValues::fromJson(*field->schema, *it, &value);
            if (fault == FieldValues::Fault::WrongType) {
                *problem = SchemaJson::wrongType(key);
                return false;
            }
            if (fault != FieldValues::Fault::None || !field->access.set(*record, value)) {
                *problem = SchemaJson::invalidValue(*it, key);
                return false;
            }
            set->append(key);
        }
        return true;
    }

    static QString selectColumns() { return SchemaJson::selectColumns(fields()); }

    // A row of selectColumns(), its PII opened.
    static Record read(const QSqlQuery &query)
    {
        const PiiRow row(query, PiiTable::of<Kind>());
        Record record;
        SchemaJson::readMeta(row, &record.meta);
        mapping().readStored(record,
                             [&row](int i) { return row.value(SchemaJson::firstField + i); });
        return record;
    }

    // Binds every field in the order of fields().
    static void bindAll(QSqlQuery &query, const Record &record)
    {
        for (const QVariant &value : mapping().storedValues(record))
            query.addBindValue(value);
    }
};

} // namespace branchline::server
