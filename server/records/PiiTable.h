// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/FieldPolicy.h"

#include <QList>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace branchline::server {

// A column that holds personal data: stored sealed (PiiVault) and, with a kind, indexed for
// exact lookups in "<name>_bidx".
struct PiiColumn
{
    QString name;
    std::optional<PiiKind> kind; // none: sealed, never looked up (the conflict journal's values)
    int field = -1; // its position in the record kind's fields(); -1 outside a record kind
    QString indexColumn() const { return kind ? name + QStringLiteral("_bidx") : QString(); }
};

// The columns of one table that hold personal data. For a record kind they come from
// FieldPolicy::piiKind over the kind's fields(): marking a field as PII there is what makes
// it stored encrypted (with a migration adding its "<column>_bidx" column, which
// tst_piiatrest checks every PII field has).
class PiiTable
{
public:
    PiiTable(RecordType type, QString table, const QStringList &fields);
    PiiTable(QString table, QList<PiiColumn> columns);

    // The PII columns of record kind `Kind` (CustomerJson, ...), worked out once.
    template<typename Kind>
    static const PiiTable &of()
    {
        static const PiiTable table(Kind::type, Kind::table(), Kind::fields());
        return table;
    }
    // Every table of the server that holds personal data: each record kind with a PII field,
    // and the conflict journal, whose values are sealed whatever their field.
    static const QList<PiiTable> &all();
    // The record tables of all(), including those without PII, for the checks.
    static const QList<PiiTable> &recordKinds();

    const QString &table() const { return m_table; }
    // The record type of a record kind's table; none for the conflict journal.
    std::optional<RecordType> type() const { return m_type; }
    const QList<PiiColumn> &columns() const { return m_columns; }
    bool isEmpty() const { return m_columns.isEmpty(); }
    const PiiColumn *column(const QString &name) const;
    // The PII column at position `field` of the kind's fields(); null for any other field.
    const PiiColumn *atField(int field) const
    {
        return field >= 0 && field < m_byField.size() && m_byField.at(field) >= 0
                ? &m_columns.at(m_byField.at(field))
                : nullptr;
    }
    QStringList indexColumns() const;
    // For an exact search of `value` in PII column `name`: the index column and the value's
    // blind index to compare it with. Throws PiiUnreadable when there is no index key (a
    // search must not quietly find nothing).
    bool lookup(const QString &name, const QString &value, QString *indexColumn,
                QString *index) const;

    // For an INSERT or UPDATE that has bound the kind's fields() from position `firstField`
    // (Kind::bindAll): replaces each PII field's clear value by its sealed form and appends
    // the blind indexes, in indexColumns() order. False when a key is missing.
    bool sealBound(QSqlQuery &query, int firstField, const QString &recordId, QString *error) const;
    // The stored form and blind index of one value of `column`, for writers with SQL of
    // their own (the demo seeders, the lead intake). Null variants for an empty value.
    bool protect(const QString &column, const QString &recordId, const QString &clear,
                 QVariant *sealed, QVariant *index, QString *error) const;

private:
    std::optional<RecordType> m_type;
    QString m_table;
    QList<PiiColumn> m_columns;
    QList<int> m_byField; // field position -> index in m_columns, or -1
};

} // namespace branchline::server
