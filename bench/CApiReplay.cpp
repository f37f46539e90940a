// SPDX-License-Identifier: GPL-3.0-or-later
#include "CApiReplay.h"

#include <QElapsedTimer>

#define SQLITE_HAS_CODEC 1
#include <sqlite3.h>

namespace branchline {

namespace {

void touchColumns(sqlite3_stmt *statement)
{
    const int columns = sqlite3_column_count(statement);
    for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(statement, c)) {
        case SQLITE_INTEGER:
            sqlite3_column_int64(statement, c);
            break;
        case SQLITE_FLOAT:
            sqlite3_column_double(statement, c);
            break;
        case SQLITE_NULL:
            break;
        default:
            sqlite3_column_text(statement, c);
            sqlite3_column_bytes(statement, c);
        }
    }
}

} // namespace

bool bindValues(sqlite3_stmt *statement, const QVariantList &values)
{
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        int rc = SQLITE_OK;
        if (value.isNull()) {
            rc = sqlite3_bind_null(statement, i + 1);
        } else {
            switch (value.typeId()) {
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::LongLong:
            case QMetaType::Bool:
                rc = sqlite3_bind_int64(statement, i + 1, value.toLongLong());
                break;
            case QMetaType::Double:
                rc = sqlite3_bind_double(statement, i + 1, value.toDouble());
                break;
            case QMetaType::QByteArray: {
                const QByteArray blob = value.toByteArray();
                rc = sqlite3_bind_blob(statement, i + 1, blob.constData(), int(blob.size()),
                                       SQLITE_TRANSIENT);
                break;
            }
            default: {
                const QByteArray text = value.toString().toUtf8();
                rc = sqlite3_bind_text(statement, i + 1, text.constData(), int(text.size()),
                                       SQLITE_TRANSIENT);
            }
            }
        }
        if (rc != SQLITE_OK)
            return false;
    }
    return true;
}

bool replayStatements(sqlite3 *db, const QList<RecordedStatement> &statements, qint64 *rows,
                      QString *error)
{
    for (const RecordedStatement &recorded : statements) {
        sqlite3_stmt *statement = nullptr;
        int rc = sqlite3_prepare_v2(db, recorded.sql.constData(), int(recorded.sql.size()),
                                    &statement, nullptr);
        if (rc == SQLITE_OK && !bindValues(statement, recorded.values))
            rc = SQLITE_MISUSE;
        if (rc == SQLITE_OK) {
            while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
                ++*rows;
                touchColumns(statement);
            }
        }
        sqlite3_finalize(statement);
        if (rc != SQLITE_DONE) {
            *error = QStringLiteral("%1: %2").arg(QString::fromUtf8(sqlite3_errmsg(db)),
                                                  QString::fromUtf8(recorded.sql));
            return false;
        }
    }
    return true;
}

QStringList queryPlans(sqlite3 *db, const QList<RecordedStatement> &statements)
{
    QStringList lines;
    for (const RecordedStatement &recorded : statements) {
        lines << QStringLiteral("PLAN sql: %1").arg(QString::fromUtf8(recorded.sql));
        const QByteArray sql = "EXPLAIN QUERY PLAN " + recorded.sql;
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &statement, nullptr)
                    != SQLITE_OK
            || !bindValues(statement, recorded.values)) {
            lines << QStringLiteral("PLAN   (no plan: %1)")
                             .arg(QString::fromUtf8(sqlite3_errmsg(db)));
            sqlite3_finalize(statement);
            continue;
        }
        // The last column is the plan step's text in every SQLite version.
        const int detail = sqlite3_column_count(statement) - 1;
        while (sqlite3_step(statement) == SQLITE_ROW)
            lines << QStringLiteral("PLAN   %1")
                             .arg(QString::fromUtf8(reinterpret_cast<const char *>(
                                     sqlite3_column_text(statement, detail))));
        sqlite3_finalize(statement);
        // What it costs alone, warm: the second of two runs.
        qint64 rows = 0;
        QString error;
        replayStatements(db, { recorded }, &rows, &error);
        rows = 0;
        QElapsedTimer clock;
        clock.start();
        if (replayStatements(db, { recorded }, &rows, &error))
            lines << QStringLiteral("PLAN   (%1 ms, %2 rows)")
                             .arg(double(clock.nsecsElapsed()) / 1e6, 0, 'f', 2)
                             .arg(rows);
    }
    return lines;
}

} // namespace branchline
