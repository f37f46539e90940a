// SPDX-License-Identifier: GPL-3.0-or-later
#include "PiiTable.h"

#include "ActivityJson.h"
#include "ContactJson.h"
#include "CustomerJson.h"
#include "KycItemJson.h"
#include "LeadJson.h"
#include "MerchantFeedJson.h"
#include "TaskJson.h"
#include "core/PiiVault.h"
#include "sync/ConflictJournal.h"

namespace branchline::server {

PiiTable::PiiTable(RecordType type, QString table, const QStringList &fields)
    : m_type(type)
    , m_table(std::move(table))
{
    m_byField.fill(-1, fields.size());
    for (int i = 0; i < fields.size(); ++i) {
        if (const std::optional<PiiKind> kind = FieldPolicy::piiKind(type, fields.at(i))) {
            m_byField[i] = int(m_columns.size());
            m_columns.append(PiiColumn{ fields.at(i), kind, i });
        }
    }
}

PiiTable::PiiTable(QString table, QList<PiiColumn> columns)
    : m_table(std::move(table))
    , m_columns(std::move(columns))
{
}

const QList<PiiTable> &PiiTable::recordKinds()
{
    // Every record kind the server stores (SyncTable::all lists the same).
    static const QList<PiiTable> kinds = {
        of<CustomerJson>(), of<ContactJson>(),  of<LeadJson>(),           of<TaskJson>(),
        of<ActivityJson>(), of<TerminalJson>(), of<MerchantVolumeJson>(), of<KycItemJson>(),
    };
    return kinds;
}

const QList<PiiTable> &PiiTable::all()
{
    static const QList<PiiTable> tables = [] {
        QList<PiiTable> list;
        for (const PiiTable &kind : recordKinds())
            if (!kind.isEmpty())
                list.append(kind);
        list.append(ConflictJournal::piiTable());
        return list;
    }();
    return tables;
}

const PiiColumn *PiiTable::column(const QString &name) const
{
    for (const PiiColumn &column : m_columns)
        if (column.name == name)
            return &column;
    return nullptr;
}

QStringList PiiTable::indexColumns() const
{
    QStringList names;
    for (const PiiColumn &column : m_columns)
        if (column.kind)
            names << column.indexColumn();
    return names;
}

bool PiiTable::lookup(const QString &name, const QString &value, QString *indexColumn,
                      QString *index) const
{
    const PiiColumn *found = column(name);
    if (!found || !found->kind)
        return false;
    QString error;
    if (!PiiVault::blindIndex(*found->kind, m_table, name, value, index, &error))
        throw PiiUnreadable(error);
    *indexColumn = found->indexColumn();
    return true;
}

bool PiiTable::sealBound(QSqlQuery &query, int firstField, const QString &recordId,
                         QString *error) const
{
    QVariantList indexes;
    for (const PiiColumn &column : m_columns) {
        const int position = firstField + column.field;
        QVariant sealed;
        QVariant index;
        if (!protect(column.name, recordId, query.boundValue(position).toString(), &sealed, &index,
                     error))
            return false;
        query.bindValue(position, sealed);
        if (column.kind)
            indexes << index;
    }
    for (const QVariant &index : std::as_const(indexes))
        query.addBindValue(index);
    return true;
}

bool PiiTable::protect(const QString &name, const QString &recordId, const QString &clear,
                       QVariant *sealed, QVariant *index, QString *error) const
{
    const QVariant null(QMetaType::fromType<QString>());
    *sealed = null;
    *index = null;
    const PiiColumn *column = this->column(name);
    if (!column) {
        *error = QStringLiteral("%1.%2 holds no personal data").arg(m_table, name);
        return false;
    }
    QString text;
    if (!PiiVault::seal(clear, PiiPlace{ m_table, name, recordId }, &text, error))
        return false;
    if (!text.isNull())
        *sealed = text;
    if (!column->kind)
        return true;
    if (!PiiVault::blindIndex(*column->kind, m_table, name, clear, &text, error))
        return false;
    if (!text.isNull())
        *index = text;
    return true;
}

} // namespace branchline::server
