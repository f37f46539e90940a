// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlCipherResult.h"

#include "SqlCipherDriver.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlField>
#include <QSqlRecord>
#include <QUuid>

#define SQLITE_HAS_CODEC 1
#include <sqlite3.h>

namespace branchline {

namespace {

// True when `text` holds nothing but white space and SQL comments.
bool onlyWhitespaceOrComments(const char *text)
{
    const char *p = text;
    while (*p) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ';') {
            ++p;
        } else if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                ++p;
        } else if (p[0] == '/' && p[1] == '*') {
            p += 2;
            while (*p && !(p[0] == '*' && p[1] == '/'))
                ++p;
            if (*p)
                p += 2;
        } else {
            return false;
        }
    }
    return true;
}

QMetaType declaredType(sqlite3_stmt *statement, int column)
{
    const char *declared = sqlite3_column_decltype(statement, column);
    if (!declared)
        return QMetaType::fromType<QString>();
    const QByteArray type = QByteArray(declared).toUpper();
    if (type.contains("INT"))
        return QMetaType::fromType<qlonglong>();
    if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB"))
        return QMetaType::fromType<double>();
    if (type.contains("BLOB"))
        return QMetaType::fromType<QByteArray>();
    return QMetaType::fromType<QString>();
}

int bindText(sqlite3_stmt *statement, int index, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return sqlite3_bind_text(statement, index, utf8.constData(), static_cast<int>(utf8.size()),
                             SQLITE_TRANSIENT);
}

} // namespace

SqlCipherResult::SqlCipherResult(const SqlCipherDriver *driver)
    : QSqlResult(driver)
    , m_driver(driver)
{
}

SqlCipherResult::~SqlCipherResult()
{
    finalize();
}

void SqlCipherResult::finalize()
{
    if (m_statement) {
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
    }
    m_rows.clear();
    m_currentRow.clear();
    m_stepped = 0;
    m_pendingFirstRow = false;
    m_finished = false;
}

bool SqlCipherResult::setStepError(int resultCode)
{
    setLastError(SqlCipherDriver::makeError(m_driver->connection(), resultCode, lastQuery(),
                                            QSqlError::StatementError));
    if (m_statement)
        sqlite3_reset(m_statement);
    m_finished = true;
    return false;
}

bool SqlCipherResult::prepareStatement(const QByteArray &sql, const char **tail)
{
    sqlite3 *db = m_driver->connection();
    if (!db) {
        setLastError(QSqlError(SqlCipherDriver::tr("The local store is not open."), QString(),
                               QSqlError::ConnectionError));
        return false;
    }
    const int rc = sqlite3_prepare_v2(db, sql.constData(), static_cast<int>(sql.size()),
                                      &m_statement, tail);
    if (rc != SQLITE_OK) {
        setLastError(SqlCipherDriver::makeError(db, rc, QString::fromUtf8(sql),
                                                QSqlError::StatementError));
        finalize();
        return false;
    }
    return true;
}

bool SqlCipherResult::prepare(const QString &query)
{
    finalize();
    setActive(false);
    const QByteArray sql = query.toUtf8();
    const char *tail = nullptr;
    if (!prepareStatement(sql, &tail))
        return false;
    if (!m_statement || (tail && !onlyWhitespaceOrComments(tail))) {
        finalize();
        setLastError(QSqlError(SqlCipherDriver::tr("Exactly one SQL statement can be "
                                                   "prepared at a time."),
                               query, QSqlError::StatementError));
        return false;
    }
    return true;
}

bool SqlCipherResult::reset(const QString &query)
{
    // A plain exec(): run every statement of the script, keep the last one as the result.
    finalize();
    setActive(false);
    setAt(QSql::BeforeFirstRow);
    const QByteArray sql = query.toUtf8();
    const char *cursor = sql.constData();
    while (true) {
        const char *tail = nullptr;
        const QByteArray rest(cursor);
        if (!prepareStatement(rest, &tail))
            return false;
        const bool last = !tail || onlyWhitespaceOrComments(tail);
        if (!m_statement) { // only comments were left
            if (last)
                break;
            cursor += tail - rest.constData();
            continue;
        }
        if (last)
            return exec();
        int rc;
        while ((rc = sqlite3_step(m_statement)) == SQLITE_ROW) { }
        if (rc != SQLITE_DONE)
            return setStepError(rc);
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
        cursor += tail - rest.constData();
    }
    setLastError(QSqlError(SqlCipherDriver::tr("The query is empty."), query,
                           QSqlError::StatementError));
    return false;
}

bool SqlCipherResult::bindValues()
{
    const QVariantList values = boundValues();
    const int expected = sqlite3_bind_parameter_count(m_statement);
    if (values.size() != expected) {
        setLastError(QSqlError(SqlCipherDriver::tr("The statement expects %1 values but %2 "
                                                   "were given.")
                                       .arg(expected)
                                       .arg(values.size()),
                               lastQuery(), QSqlError::StatementError));
        return false;
    }
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        const int index = i + 1;
        int rc = SQLITE_OK;
        if (value.isNull()) {
            rc = sqlite3_bind_null(m_statement, index);
        } else {
            switch (value.typeId()) {
            case QMetaType::Bool:
                rc = sqlite3_bind_int(m_statement, index, value.toBool() ? 1 : 0);
                break;
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::Short:
            case QMetaType::UShort:
            case QMetaType::Long:
            case QMetaType::ULong:
            case QMetaType::LongLong:
            case QMetaType::Char:
            case QMetaType::SChar:
            case QMetaType::UChar:
                rc = sqlite3_bind_int64(m_statement, index, value.toLongLong());
                break;
            case QMetaType::ULongLong:
                rc = sqlite3_bind_int64(m_statement, index,
                                        static_cast<sqlite3_int64>(value.toULongLong()));
                break;
            case QMetaType::Double:
            case QMetaType::Float:
                rc = sqlite3_bind_double(m_statement, index, value.toDouble());
                break;
            case QMetaType::QByteArray: {
                const QByteArray bytes = value.toByteArray();
                rc = sqlite3_bind_blob(m_statement, index, bytes.constData(),
                                       static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
                break;
            }
            case QMetaType::QString:
                rc = bindText(m_statement, index, value.toString());
                break;
            case QMetaType::QDateTime:
                rc = bindText(m_statement, index,
                              value.toDateTime().toUTC().toString(Qt::ISODateWithMs));
                break;
            case QMetaType::QDate:
                rc = bindText(m_statement, index, value.toDate().toString(Qt::ISODate));
                break;
            case QMetaType::QTime:
                rc = bindText(m_statement, index, value.toTime().toString(Qt::ISODateWithMs));
                break;
            case QMetaType::QUuid:
                rc = bindText(m_statement, index, value.toUuid().toString(QUuid::WithoutBraces));
                break;
            default:
                if (!value.canConvert<QString>()) {
                    setLastError(QSqlError(SqlCipherDriver::tr("A value of type %1 cannot be "
                                                               "stored.")
                                                   .arg(QString::fromLatin1(value.typeName())),
                                           lastQuery(), QSqlError::StatementError));
                    return false;
                }
                rc = bindText(m_statement, index, value.toString());
                break;
            }
        }
        if (rc != SQLITE_OK) {
            setLastError(SqlCipherDriver::makeError(m_driver->connection(), rc, lastQuery(),
                                                    QSqlError::StatementError));
            return false;
        }
    }
    return true;
}

bool SqlCipherResult::exec()
{
    if (!m_statement) {
        setLastError(QSqlError(SqlCipherDriver::tr("No statement was prepared."), QString(),
                               QSqlError::StatementError));
        return false;
    }
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    m_rows.clear();
    m_currentRow.clear();
    m_stepped = 0;
    m_pendingFirstRow = false;
    m_finished = false;
    m_rowsAffected = 0;
    setAt(QSql::BeforeFirstRow);
    setActive(false);
    if (!bindValues())
        return false;

    const int rc = sqlite3_step(m_statement);
    sqlite3 *db = m_driver->connection();
    if (rc == SQLITE_ROW) {
        m_pendingFirstRow = true;
    } else if (rc == SQLITE_DONE) {
        m_finished = true;
        m_rowsAffected = sqlite3_changes(db);
        m_lastInsertId = sqlite3_last_insert_rowid(db);
        sqlite3_reset(m_statement); // releases the statement's locks at once
    } else {
        return setStepError(rc);
    }
    setSelect(sqlite3_column_count(m_statement) > 0);
    setActive(true);
    return true;
}

QVariant SqlCipherResult::columnValue(int column) const
{
    switch (sqlite3_column_type(m_statement, column)) {
    case SQLITE_INTEGER:
        return QVariant(static_cast<qlonglong>(sqlite3_column_int64(m_statement, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(m_statement, column));
    case SQLITE_TEXT: {
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return QVariant(QString::fromUtf8(text, sqlite3_column_bytes(m_statement, column)));
    }
    case SQLITE_BLOB: {
        const auto *blob = static_cast<const char *>(sqlite3_column_blob(m_statement, column));
        return QVariant(QByteArray(blob, sqlite3_column_bytes(m_statement, column)));
    }
    default:
        return QVariant(declaredType(m_statement, column));
    }
}

bool SqlCipherResult::step()
{
    bool haveRow = false;
    if (m_pendingFirstRow) {
        m_pendingFirstRow = false;
        haveRow = true;
    } else if (!m_finished && m_statement) {
        const int rc = sqlite3_step(m_statement);
        if (rc == SQLITE_ROW) {
            haveRow = true;
        } else if (rc == SQLITE_DONE) {
            m_finished = true;
        } else {
            setStepError(rc);
        }
    }
    if (!haveRow)
        return false;
    ++m_stepped;
    if (!isForwardOnly()) {
        const int columns = sqlite3_column_count(m_statement);
        QList<QVariant> row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row.append(columnValue(c));
        m_rows.append(row);
    }
    return true;
}

bool SqlCipherResult::stepToRow(int row)
{
    if (row < 0)
        return false;
    if (!isForwardOnly() && row < m_rows.size())
        return true;
    if (isForwardOnly() && row < m_stepped - 1)
        return false; // a forward-only query cannot go back
    while (m_stepped - 1 < row) {
        if (!step())
            return false;
    }
    return true;
}

bool SqlCipherResult::fetch(int row)
{
    if (!isActive() || !isSelect())
        return false;
    if (!stepToRow(row))
        return false;
    setAt(row);
    return true;
}

bool SqlCipherResult::fetchFirst()
{
    return fetch(0);
}

bool SqlCipherResult::fetchNext()
{
    return fetch(at() < 0 ? 0 : at() + 1);
}

bool SqlCipherResult::fetchLast()
{
    if (!isActive() || !isSelect())
        return false;
    if (isForwardOnly()) {
        // The statement forgets a row once it steps past it: keep a copy of each.
        bool any = false;
        while (step()) {
            any = true;
            m_currentRow.clear();
            for (int c = 0; c < sqlite3_column_count(m_statement); ++c)
                m_currentRow.append(columnValue(c));
        }
        if (!any)
            return false;
        setAt(m_stepped - 1);
        return true;
    }
    while (step()) { }
    if (m_rows.isEmpty())
        return false;
    setAt(static_cast<int>(m_rows.size()) - 1);
    return true;
}

QVariant SqlCipherResult::data(int column)
{
    if (!isForwardOnly()) {
        if (at() < 0 || at() >= m_rows.size())
            return QVariant();
        return m_rows.at(at()).value(column);
    }
    if (m_finished && !m_currentRow.isEmpty())
        return m_currentRow.value(column);
    if (!m_statement || column < 0 || column >= sqlite3_column_count(m_statement))
        return QVariant();
    return columnValue(column);
}

bool SqlCipherResult::isNull(int column)
{
    return data(column).isNull();
}

int SqlCipherResult::size()
{
    return -1; // SQLite does not know a result's size before stepping through it
}

int SqlCipherResult::numRowsAffected()
{
    return m_rowsAffected;
}

QSqlRecord SqlCipherResult::record() const
{
    QSqlRecord result;
    if (!m_statement)
        return result;
    const int columns = sqlite3_column_count(m_statement);
    for (int c = 0; c < columns; ++c) {
        const char *table = sqlite3_column_table_name(m_statement, c);
        QSqlField field(QString::fromUtf8(sqlite3_column_name(m_statement, c)),
                        declaredType(m_statement, c), table ? QString::fromUtf8(table) : QString());
        result.append(field);
    }
    return result;
}

QVariant SqlCipherResult::lastInsertId() const
{
    if (!isActive() || isSelect())
        return QVariant();
    return QVariant(static_cast<qlonglong>(m_lastInsertId));
}

QVariant SqlCipherResult::handle() const
{
    return QVariant::fromValue(static_cast<void *>(m_statement));
}

void SqlCipherResult::detachFromResultSet()
{
    // finish(): end the read transaction this statement holds, keep it prepared.
    if (m_statement)
        sqlite3_reset(m_statement);
    m_finished = true;
    m_pendingFirstRow = false;
}

} // namespace branchline
