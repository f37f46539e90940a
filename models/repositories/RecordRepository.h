// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RecordTable.h"

#include <QSqlError>
#include <QSqlQuery>

#include <optional>

namespace branchline {

// What every record repository does the same way: save through the validator, soft
// delete, find a live record by global id, and read query rows into records. A concrete
// repository names its table and columns and adds its own lists.
template<typename Record>
class RecordRepository
{
public:
    using ColumnsOf = RecordTable::Columns (*)(const Record &);
    using ReadRow = Record (*)(const QSqlQuery &);

    SaveResult insert(Record &record) { return table().save(record, true, m_columnsOf); }
    SaveResult update(Record &record) { return table().save(record, false, m_columnsOf); }
    SaveResult remove(const QString &id) { return table().remove(id); }

    std::optional<Record> find(const QString &id, StoreError *error = nullptr) const
    {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(QStringLiteral("SELECT %1, %2 FROM %3 WHERE id = ? AND deleted = 0")
                              .arg(RecordTable::metaColumns(), m_columns, m_table));
        query.addBindValue(id);
        if (query.exec() && query.next())
            return m_read(query);
        if (error)
            *error = query.lastError().isValid()
                    ? StoreError::fromSql(query.lastError())
                    : StoreError::make(StoreError::Kind::RecordNotFound, id);
        return std::nullopt;
    }

protected:
    // `columns` are the record's own columns in the order `read` expects them after the
    // bookkeeping columns.
    RecordRepository(const QSqlDatabase &db, QString table, QString columns, ColumnsOf columnsOf,
                     ReadRow read)
        : m_db(db)
        , m_table(std::move(table))
        , m_columns(std::move(columns))
        , m_columnsOf(columnsOf)
        , m_read(read)
    {
    }

    // Runs a prepared query and reads every row.
    QList<Record> readAll(QSqlQuery &query, StoreError *error) const
    {
        QList<Record> rows;
        if (!query.exec()) {
            if (error)
                *error = StoreError::fromSql(query.lastError());
            return rows;
        }
        while (query.next())
            rows << m_read(query);
        if (query.lastError().isValid() && error)
            *error = StoreError::fromSql(query.lastError());
        return rows;
    }

    // The record's columns with a table alias: "l.name, l.company, ...".
    QString columnsWithAlias(const QString &alias) const
    {
        QStringList prefixed;
        for (const QString &column : m_columns.split(QStringLiteral(", ")))
            prefixed << alias + QLatin1Char('.') + column;
        return prefixed.join(QStringLiteral(", "));
    }

    RecordTable table() const { return RecordTable(m_db, m_table); }

    QSqlDatabase m_db;
    QString m_table;
    QString m_columns;

private:
    ColumnsOf m_columnsOf;
    ReadRow m_read;
};

} // namespace branchline
