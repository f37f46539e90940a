// SPDX-License-Identifier: GPL-3.0-or-later
#include "LocalJournal.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace branchline::sync {

namespace {

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

bool run(QSqlQuery &query, StoreError *error)
{
    if (query.exec())
        return true;
    if (error)
        *error = StoreError::fromSql(query.lastError());
    return false;
}

} // namespace

LocalJournal::LocalJournal(QSqlDatabase db, QString clientId, QString userId)
    : m_db(std::move(db))
    , m_clientId(std::move(clientId))
    , m_userId(std::move(userId))
{
}

bool LocalJournal::add(const Entry &entry, StoreError *error)
{
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    QSqlQuery journal(m_db);
    journal.prepare(QStringLiteral(
            "INSERT INTO sync_conflicts (id, table_name, record_id, kind, base_version, "
            "client_value, client_id, mutation, user_id, code, message, origin, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'local', ?, ?)"));
    journal.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    journal.addBindValue(entry.table);
    journal.addBindValue(entry.recordId);
    journal.addBindValue(entry.kind);
    journal.addBindValue(entry.baseVersion);
    journal.addBindValue(entry.fields);
    journal.addBindValue(textOrNull(m_clientId));
    journal.addBindValue(entry.mutation);
    journal.addBindValue(textOrNull(m_userId));
    journal.addBindValue(entry.code);
    journal.addBindValue(entry.message);
    journal.addBindValue(now);
    journal.addBindValue(now);
    return run(journal, error);
}

bool LocalJournal::addRefused(qint64 mutation, const QString &code, const QString &message,
                              StoreError *error)
{
    QSqlQuery edit(m_db);
    edit.setForwardOnly(true);
    edit.prepare(QStringLiteral("SELECT table_name, record_id, fields, base_version FROM outbox "
                                "WHERE mutation = ?"));
    edit.addBindValue(mutation);
    if (!run(edit, error))
        return false;
    if (!edit.next())
        return true; // answered before (a repeat): journalled then
    Entry entry;
    entry.table = edit.value(0).toString();
    entry.recordId = edit.value(1).toString();
    entry.fields = edit.value(2).toString();
    entry.baseVersion = edit.value(3).toLongLong();
    edit.finish();
    entry.kind = QStringLiteral("rejected");
    entry.code = code;
    entry.message = message.isEmpty() ? refusedMessage(code) : message;
    entry.mutation = mutation;
    return add(entry, error);
}

QString LocalJournal::refusedMessage(const QString &code)
{
    if (code == QLatin1String("not_found"))
        return tr("The server no longer lets you see this record, so it refused your edit. "
                  "Your edit is kept here; ask your manager if the record should be yours.");
    return tr("The server refused this edit. It is kept here; correct it and save it again, or "
              "ask your manager.");
}

} // namespace branchline::sync
