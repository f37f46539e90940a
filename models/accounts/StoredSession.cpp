// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoredSession.h"

#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

namespace {
const QString tokenKey = QStringLiteral("session.refresh_token");
}

StoredSession::StoredSession(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QString StoredSession::refreshToken(StoreError *error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT value FROM store_meta WHERE key = ?"));
    query.addBindValue(tokenKey);
    if (!query.exec()) {
        if (error)
            *error = StoreError::fromSql(query.lastError());
        return QString();
    }
    return query.next() ? query.value(0).toString() : QString();
}

bool StoredSession::setRefreshToken(const QString &token, StoreError *error)
{
    QSqlQuery query(m_db);
    if (token.isEmpty()) {
        query.prepare(QStringLiteral("DELETE FROM store_meta WHERE key = ?"));
        query.addBindValue(tokenKey);
    } else {
        query.prepare(QStringLiteral("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)"));
        query.addBindValue(tokenKey);
        query.addBindValue(token);
    }
    if (!query.exec()) {
        if (error)
            *error = StoreError::fromSql(query.lastError());
        return false;
    }
    return true;
}

} // namespace branchline
