// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReminderLedger.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

namespace {
const QString ledgerKey = QStringLiteral("tasks.reminded");
}

ReminderLedger::ReminderLedger(const QSqlDatabase &db)
    : m_db(db)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT value FROM store_meta WHERE key = ?"));
    query.addBindValue(ledgerKey);
    if (!query.exec() || !query.next())
        return; // none yet: nothing was reminded
    const QJsonObject entries = QJsonDocument::fromJson(query.value(0).toByteArray()).object();
    for (auto it = entries.begin(); it != entries.end(); ++it)
        m_reminded.insert(it.key(),
                          QDateTime::fromString(it.value().toString(), Qt::ISODateWithMs));
}

bool ReminderLedger::contains(const QString &taskId, const QDateTime &due) const
{
    const auto it = m_reminded.constFind(taskId);
    return it != m_reminded.constEnd() && it.value() == due;
}

void ReminderLedger::remember(const QString &taskId, const QDateTime &due)
{
    m_reminded.insert(taskId, due);
    m_changed = true;
}

void ReminderLedger::forgetBefore(const QDateTime &before)
{
    for (auto it = m_reminded.begin(); it != m_reminded.end();) {
        if (it.value() < before) {
            it = m_reminded.erase(it);
            m_changed = true;
        } else {
            ++it;
        }
    }
}

bool ReminderLedger::save(StoreError *error)
{
    if (!m_changed)
        return true;
    QJsonObject entries;
    for (auto it = m_reminded.cbegin(); it != m_reminded.cend(); ++it)
        entries.insert(it.key(), it.value().toUTC().toString(Qt::ISODateWithMs));
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)"));
    query.addBindValue(ledgerKey);
    query.addBindValue(QString::fromUtf8(QJsonDocument(entries).toJson(QJsonDocument::Compact)));
    if (!query.exec()) {
        if (error)
            *error = StoreError::fromSql(query.lastError());
        return false;
    }
    m_changed = false;
    return true;
}

} // namespace branchline
