// SPDX-License-Identifier: GPL-3.0-or-later
#include "StatementRecorder.h"

#define SQLITE_HAS_CODEC 1
#include <cctype>
#include <sqlite3.h>

namespace branchline {

namespace {

// Reads the literal sqlite3_expanded_sql() wrote for one parameter at `*at`: NULL, an
// integer (%lld), a real (%!.15g), a string ('...' with quotes doubled), a blob (x'..').
bool readLiteral(const QByteArray &text, qsizetype *at, QVariant *value)
{
    qsizetype i = *at;
    if (text.mid(i, 4) == "NULL") {
        *value = QVariant();
        *at = i + 4;
        return true;
    }
    if (text.mid(i, 2) == "x'") {
        const qsizetype end = text.indexOf('\'', i + 2);
        if (end < 0)
            return false;
        *value = QByteArray::fromHex(text.mid(i + 2, end - i - 2));
        *at = end + 1;
        return true;
    }
    if (text.at(i) == '\'') {
        QByteArray string;
        for (++i; i < text.size(); ++i) {
            if (text.at(i) != '\'') {
                string += text.at(i);
            } else if (i + 1 < text.size() && text.at(i + 1) == '\'') {
                string += '\'';
                ++i;
            } else {
                *value = QString::fromUtf8(string);
                *at = i + 1;
                return true;
            }
        }
        return false;
    }
    const qsizetype start = i;
    bool real = false;
    while (i < text.size()
           && (std::isdigit(static_cast<unsigned char>(text.at(i))) || text.at(i) == '-'
               || text.at(i) == '+' || text.at(i) == '.' || text.at(i) == 'e'
               || text.at(i) == 'E')) {
        real = real || text.at(i) == '.' || text.at(i) == 'e' || text.at(i) == 'E';
        ++i;
    }
    if (i == start)
        return false;
    bool ok = false;
    const QByteArray number = text.mid(start, i - start);
    *value = real ? QVariant(number.toDouble(&ok)) : QVariant(number.toLongLong(&ok));
    *at = i;
    return ok;
}

} // namespace

StatementRecorder::StatementRecorder(sqlite3 *db)
    : m_db(db)
{
    sqlite3_trace_v2(m_db, SQLITE_TRACE_STMT, &StatementRecorder::onTrace, this);
}

StatementRecorder::~StatementRecorder()
{
    sqlite3_trace_v2(m_db, 0, nullptr, nullptr);
}

int StatementRecorder::onTrace(unsigned type, void *context, void *statement, void *text)
{
    auto *self = static_cast<StatementRecorder *>(context);
    const char *sql = static_cast<const char *>(text);
    // "-- ..." is a trigger program starting inside the statement that fired it.
    if (type != SQLITE_TRACE_STMT || !self->m_recording || !sql || qstrncmp(sql, "--", 2) == 0)
        return 0;
    auto *prepared = static_cast<sqlite3_stmt *>(statement);
    RecordedStatement recorded;
    recorded.sql = sqlite3_sql(prepared);
    char *expanded = sqlite3_expanded_sql(prepared);
    // A statement that runs inside another one (the full-text module reading its own
    // tables) comes back as "-- ..." lines: it is part of the outer statement, which the
    // replay runs again, so it is not kept.
    if (expanded && qstrncmp(expanded, "-- ", 3) == 0) {
        sqlite3_free(expanded);
        return 0;
    }
    const bool ok = expanded && recoverValues(recorded.sql, expanded, &recorded.values);
    if (!ok && self->m_error.isEmpty())
        self->m_error = QStringLiteral("cannot read the values of: %1")
                                .arg(QString::fromUtf8(expanded ? expanded : sql));
    sqlite3_free(expanded);
    if (ok)
        self->m_statements << recorded;
    return 0;
}

bool StatementRecorder::recoverValues(const QByteArray &sql, const QByteArray &expanded,
                                      QVariantList *values)
{
    // SQLite copies the prepared text verbatim around each parameter token. Only `?`
    // placeholders are expected (what Qt's drivers prepare); quoted text in the SQL is
    // copied as it is and may hold a '?'.
    values->clear();
    qsizetype i = 0;
    qsizetype j = 0;
    char quote = 0;
    while (i < sql.size()) {
        const char c = sql.at(i);
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '?') {
            QVariant value;
            if (j >= expanded.size() || !readLiteral(expanded, &j, &value))
                return false;
            *values << value;
            ++i;
            continue;
        }
        if (j >= expanded.size() || expanded.at(j) != c)
            return false;
        ++i;
        ++j;
    }
    return j == expanded.size();
}

} // namespace branchline
