// SPDX-License-Identifier: GPL-3.0-or-later
#include "PiiBatches.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline::server {

bool PiiBatches::walk(const Database &database, const PiiTable &table, int batchSize,
                      const Work &work, Counts *counts, QString *error)
{
    QStringList selected{ QStringLiteral("id") };
    for (const PiiColumn &column : table.columns()) {
        selected << column.name;
        selected << (column.kind ? column.indexColumn() : QStringLiteral("NULL"));
    }
    const QString select = QStringLiteral("SELECT %1 FROM %2 WHERE id > ? ORDER BY id LIMIT ?")
                                   .arg(selected.join(QStringLiteral(", ")), table.table());
    QString after = QStringLiteral(""); // every id sorts after the empty text
    bool more = true;
    while (more) {
        const bool ok = database.inTransaction(
                [&](QSqlDatabase &db, QString *txError) {
                    QList<Row> rows;
                    {
                        QSqlQuery query(db);
                        query.setForwardOnly(true);
                        query.prepare(select);
                        query.addBindValue(after);
                        query.addBindValue(batchSize);
                        if (!query.exec()) {
                            *txError = query.lastError().text();
                            return false;
                        }
                        while (query.next()) {
                            Row row;
                            row.id = query.value(0).toString();
                            for (int i = 0; i < table.columns().size(); ++i) {
                                row.values << query.value(1 + 2 * i).toString();
                                row.indexes << query.value(2 + 2 * i).toString();
                            }
                            rows.append(row);
                        }
                    }
                    more = rows.size() == batchSize;
                    if (!rows.isEmpty())
                        after = rows.last().id;
                    QSqlQuery update(db);
                    for (const Row &row : std::as_const(rows)) {
                        ++counts->rows;
                        QList<Change> changes;
                        if (!work(row, &changes, txError))
                            return false;
                        for (const Change &change : std::as_const(changes)) {
                            const PiiColumn &column = table.columns().at(change.column);
                            const QString &was = row.values.at(change.column);
                            // Compare and set: the value as read, or still null.
                            update.prepare(
                                    QStringLiteral("UPDATE %1 SET %2 = ?%3 WHERE id = ? AND %4")
                                            .arg(table.table(), column.name,
                                                 change.setIndex
                                                         ? QStringLiteral(", %1 = ?")
                                                                   .arg(column.indexColumn())
                                                         : QString(),
                                                 was.isNull()
                                                         ? column.name + QStringLiteral(" IS NULL")
                                                         : column.name + QStringLiteral(" = ?")));
                            update.addBindValue(change.value);
                            if (change.setIndex)
                                update.addBindValue(change.index);
                            update.addBindValue(row.id);
                            if (!was.isNull())
                                update.addBindValue(was);
                            if (!update.exec()) {
                                *txError = update.lastError().text();
                                return false;
                            }
                            if (update.numRowsAffected() == 1)
                                ++counts->changed;
                            else
                                ++counts->missed;
                        }
                    }
                    return true;
                },
                error);
        if (!ok)
            return false;
    }
    return true;
}

} // namespace branchline::server
