// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/schema/FieldAccess.h"
#include "domain/schema/FieldValues.h"
#include "domain/schema/RecordSchema.h"
#include "domain/records/Activity.h"
#include "domain/records/Contact.h"
#include "domain/records/Customer.h"
#include "domain/records/Lead.h"
#include "domain/records/MerchantRecords.h"
#include "domain/records/Task.h"

#include <QJsonObject>

namespace branchline {

// Each record struct's fields, bound to the schema: which member holds which schema field.
// Defined in RecordFields.cpp, once per struct; the server's and the client's mapping to
// JSON and SQL are built from these.
template<typename Record>
struct FieldsOf;

#define BRANCHLINE_FIELDS_OF(Record, recordType) \
    template<> \
    struct FieldsOf<Record> \
    { \
        static constexpr RecordType type = recordType; \
        static const FieldMap<Record> &map(); \
    };

BRANCHLINE_FIELDS_OF(Customer, RecordType::Customer)
BRANCHLINE_FIELDS_OF(Contact, RecordType::Contact)
BRANCHLINE_FIELDS_OF(Lead, RecordType::Lead)
BRANCHLINE_FIELDS_OF(Task, RecordType::Task)
BRANCHLINE_FIELDS_OF(Activity, RecordType::Activity)
BRANCHLINE_FIELDS_OF(Terminal, RecordType::Terminal)
BRANCHLINE_FIELDS_OF(MerchantVolume, RecordType::MerchantVolume)
BRANCHLINE_FIELDS_OF(KycItem, RecordType::KycItem)

#undef BRANCHLINE_FIELDS_OF

// A record struct's fields paired with their schema, in the order `map` lists them: what
// the JSON and SQL mappings walk.
template<typename Record>
struct BoundField
{
    const FieldSchema *schema;
    FieldAccess<Record> access;
    QString name; // the key as a QString, made once: each record's JSON and columns use it
};

template<typename Record>
class RecordMapping
{
public:
    // `map` names fields of `type`; a key the schema lacks is a programming error that
    // tests/schema catches, so it is left out here rather than guessed at.
    RecordMapping(RecordType type, const FieldMap<Record> &map)
    {
        const KindSchema &kind = RecordSchema::kind(type);
        for (const FieldAccess<Record> &access : map) {
            if (const FieldSchema *schema = kind.field(access.key))
                m_fields.append(BoundField<Record>{ schema, access, QString(access.key) });
        }
    }

    const QList<BoundField<Record>> &fields() const { return m_fields; }

    QStringList keys() const
    {
        QStringList result;
        for (const BoundField<Record> &field : m_fields)
            result << field.name;
        return result;
    }

    const BoundField<Record> *field(const QString &key) const
    {
        for (const BoundField<Record> &field : m_fields) {
            if (field.access.key == key)
                return &field;
        }
        return nullptr;
    }

    // Every field as JSON, without the bookkeeping (id, version, times).
    QJsonObject toJson(const Record &record) const
    {
        QJsonObject json;
        for (const BoundField<Record> &field : m_fields)
            json.insert(field.name, FieldValues::toJson(*field.schema, field.access.get(record)));
        return json;
    }

    // Each field's SQL value, in the order of fields().
    QVariantList storedValues(const Record &record) const
    {
        QVariantList values;
        values.reserve(m_fields.size());
        for (const BoundField<Record> &field : m_fields)
            values << FieldValues::toStored(*field.schema, field.access.get(record));
        return values;
    }

    // Sets the fields from their SQL values; `value(i)` is the i-th field's column.
    template<typename ValueAt>
    void readStored(Record &record, ValueAt value) const
    {
        for (int i = 0; i < m_fields.size(); ++i) {
            const BoundField<Record> &field = m_fields.at(i);
            field.access.set(record, FieldValues::fromStored(*field.schema, value(i)));
        }
    }

private:
    QList<BoundField<Record>> m_fields;
};

// The mapping of a record struct, made once.
template<typename Record>
const RecordMapping<Record> &mappingOf()
{
    static const RecordMapping<Record> mapping(FieldsOf<Record>::type, FieldsOf<Record>::map());
    return mapping;
}

} // namespace branchline
