// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncMarks.h"

#include "conflicts/ConflictText.h"

#include <QSqlQuery>

namespace branchline {

namespace {

QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks << QStringLiteral("?");
    return marks.join(QStringLiteral(", "));
}

} // namespace

SyncMarks::SyncMarks(const QSqlDatabase &db)
    : m_db(db)
{
}

QString SyncMarks::label(State state)
{
    switch (state) {
    case State::Pending:
        return tr("Waiting to sync");
    case State::Refused:
        return tr("Refused by the server");
    case State::InStep:
        break;
    }
    return QString();
}

QHash<QString, SyncMarks::Mark> SyncMarks::of(const QString &table, const QStringList &ids) const
{
    QHash<QString, Mark> marks;
    if (ids.isEmpty())
        return marks;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // Both questions are asked of the table's rows among `ids`; `sql` has %1 for their list.
    const auto askAbout = [&](const QString &sql) {
        query.prepare(sql.arg(placeholders(ids.size())));
        query.addBindValue(table);
        for (const QString &id : ids)
            query.addBindValue(id);
        return query.exec();
    };
    if (askAbout(QStringLiteral("SELECT DISTINCT record_id FROM outbox WHERE table_name = ? "
                                "AND record_id IN (%1)")))
        while (query.next())
            marks.insert(query.value(0).toString(),
                         Mark{ State::Pending,
                               tr("Saved on this computer; it goes to the server with the next "
                                  "sync.") });
    // A refusal outranks a wait: the edit will not go through as it is.
    if (askAbout(QStringLiteral("SELECT record_id, code, message FROM sync_conflicts WHERE "
                                "table_name = ? AND kind = 'rejected' AND resolution IS NULL "
                                "AND deleted = 0 AND record_id IN (%1) ORDER BY created_at")))
        while (query.next())
            marks.insert(query.value(0).toString(),
                         Mark{ State::Refused,
                               tr("The server refused this: %1\nIt is kept under Conflicts, "
                                  "where you can correct it and send it again or set it aside.")
                                       .arg(ConflictText::refusal(query.value(1).toString(),
                                                                  query.value(2).toString())) });
    return marks;
}

} // namespace branchline
