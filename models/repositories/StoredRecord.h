// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RecordTable.h"
#include "domain/schema/RecordFields.h"

#include <QSqlQuery>

namespace branchline {

// A record struct's row in the local store, from the record schema: the columns a
// repository selects after the bookkeeping ones, the values it writes, and the row read
// back. Fields the server alone writes (ClientReadOnly: fee rates, a task's branch) are
// read but never written.
template<typename Record>
struct StoredRecord
{
    // "kind, legal_name, …": the order read() takes them in.
    static QString columns() { return mappingOf<Record>().keys().join(QStringLiteral(", ")); }

    static RecordTable::Columns columnsOf(const Record &record)
    {
        RecordTable::Columns columns;
        columns.reserve(mappingOf<Record>().fields().size());
        for (const BoundField<Record> &field : mappingOf<Record>().fields()) {
            if (field.schema->has(FieldSchema::ClientReadOnly))
                continue;
            columns.append({ field.name,
                             FieldValues::toStored(*field.schema, field.access.get(record)) });
        }
        return columns;
    }

    // A row of "SELECT <RecordTable::metaColumns()>, <columns()> …".
    static Record read(const QSqlQuery &query)
    {
        Record record;
        RecordTable::readMeta(query, 0, &record.meta);
        mappingOf<Record>().readStored(
                record, [&query](int i) { return query.value(RecordTable::metaColumnCount + i); });
        return record;
    }
};

} // namespace branchline
