// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlCipherDriver.h"

#include "SqlCipherResult.h"

#include <QLoggingCategory>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>

#define SQLITE_HAS_CODEC 1
#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcDriver, "branchline.store.driver")

namespace branchline {

namespace {

constexpr int cipherPageSize = 4096;
// Passphrase stores only: SQLCipher 4's default work factor, set explicitly so a store
// keyed by 3.x and opened by 4.x derives the same key.
constexpr int passphraseKdfIterations = 256000;

QMetaType typeFromDeclaration(const QString &declared)
{
    const QString type = declared.toUpper();
    if (type.contains(QLatin1String("INT")))
        return QMetaType::fromType<qlonglong>();
    if (type.contains(QLatin1String("REAL")) || type.contains(QLatin1String("FLOA"))
        || type.contains(QLatin1String("DOUB")))
        return QMetaType::fromType<double>();
    if (type.contains(QLatin1String("BLOB")))
        return QMetaType::fromType<QByteArray>();
    if (type.contains(QLatin1String("BOOL")))
        return QMetaType::fromType<bool>();
    return QMetaType::fromType<QString>();
}

} // namespace

SqlCipherDriver::SqlCipherDriver(QObject *parent)
    : QSqlDriver(parent)
{
}

SqlCipherDriver::~SqlCipherDriver()
{
    closeHandle();
}

void SqlCipherDriver::setKey(SecretBytes key, KeyKind kind)
{
    m_key = std::move(key);
    m_keyKind = kind;
}

bool SqlCipherDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case BLOB:
    case Unicode:
    case PreparedQueries:
    case PositionalPlaceholders:
    case LastInsertId:
    case SimpleLocking:
    case FinishQuery:
        return true;
    case LowPrecisionNumbers:
    case QuerySize:
    case NamedPlaceholders: // QSqlResult rewrites :name to ? and binds by position
    case BatchOperations:
    case EventNotifications:
    case MultipleResultSets:
    case CancelQuery:
        return false;
    }
    return false;
}

QSqlError SqlCipherDriver::makeError(sqlite3 *db, int resultCode, const QString &context,
                                     QSqlError::ErrorType type)
{
    QString explanation;
    switch (resultCode & 0xff) {
    case SQLITE_NOTADB:
        explanation = tr("The local store could not be unlocked: the key is wrong, or the file "
                         "is damaged or is not a Branchline store. The file was not changed.");
        break;
    case SQLITE_CORRUPT:
        explanation = tr("The local store is damaged. The file was not changed; restore it "
                         "from its backup or sign in again to rebuild it from the server.");
        break;
    case SQLITE_FULL:
        explanation = tr("The disk is full. The change was not saved and nothing was lost; "
                         "free some space and try again.");
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        explanation = tr("The local store is busy in another window or program. Try again in "
                         "a moment.");
        break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        explanation = tr("The local store may not be written here. Check the permissions of "
                         "its folder.");
        break;
    case SQLITE_CANTOPEN:
        explanation = tr("The local store file could not be opened. Check that its folder "
                         "exists and that you may write to it.");
        break;
    case SQLITE_IOERR:
        explanation = tr("Reading or writing the local store failed (input/output error). "
                         "Check the disk.");
        break;
    case SQLITE_CONSTRAINT:
        explanation = tr("The change breaks a rule of the store (for example a duplicate "
                         "key) and was not saved.");
        break;
    case SQLITE_NOMEM:
        explanation = tr("Out of memory while using the local store. Close other programs "
                         "and try again.");
        break;
    default:
        explanation = tr("The local store reported an unexpected error and nothing was saved. "
                         "Try again, and tell IT support if it happens again.");
        break;
    }
    const QString engineText = db ? QString::fromUtf8(sqlite3_errmsg(db))
                                  : QString::fromUtf8(sqlite3_errstr(resultCode));
    const QString databaseText =
            context.isEmpty() ? engineText : context + QLatin1String(": ") + engineText;
    return QSqlError(explanation, databaseText, type, QString::number(resultCode));
}

bool SqlCipherDriver::fail(int resultCode, const QString &context)
{
    setLastError(makeError(m_db, resultCode, context, QSqlError::ConnectionError));
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    m_key.clear();
    setOpenError(true);
    return false;
}

bool SqlCipherDriver::runPragma(const char *sql, QString *context)
{
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        *context = QString::fromLatin1(sql);
        return fail(rc, *context);
    }
    return true;
}

bool SqlCipherDriver::applyKey(QString *context)
{
    if (m_key.isEmpty()) {
        *context = QStringLiteral("key");
        setLastError(QSqlError(tr("No key was given for the local store; it is never opened "
                                  "without encryption."),
                               QString(), QSqlError::ConnectionError));
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        setOpenError(true);
        return false;
    }
    int rc = SQLITE_OK;
    if (m_keyKind == KeyKind::Raw) {
        const SecretBytes literal = m_key.toRawKeyLiteral();
        rc = sqlite3_key(m_db, literal.data(), static_cast<int>(literal.size()));
    } else {
        rc = sqlite3_key(m_db, m_key.data(), static_cast<int>(m_key.size()));
    }
    m_key.clear();
    if (rc != SQLITE_OK)
        return fail(rc, QStringLiteral("sqlite3_key"));

    const QByteArray pageSize = "PRAGMA cipher_page_size = " + QByteArray::number(cipherPageSize);
    if (!runPragma(pageSize.constData(), context))
        return false;
    if (m_keyKind == KeyKind::Passphrase) {
        const QByteArray kdf = "PRAGMA kdf_iter = " + QByteArray::number(passphraseKdfIterations);
        if (!runPragma(kdf.constData(), context))
            return false;
    }
    return true;
}

bool SqlCipherDriver::open(const QString &db, const QString & /*user*/,
                           const QString & /*password*/, const QString & /*host*/, int /*port*/,
                           const QString & /*connectOptions*/)
{
    if (isOpen())
        close();

    int flags = SQLITE_OPEN_NOMUTEX; // one connection per thread, as QSqlDatabase requires
    flags |= m_options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (m_options.createIfMissing && !m_options.readOnly)
        flags |= SQLITE_OPEN_CREATE;

    const int rc = sqlite3_open_v2(db.toUtf8().constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK)
        return fail(rc, QStringLiteral("open"));
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, m_options.busyTimeoutMs);

    QString context;
    if (!applyKey(&context))
        return false;
    // The first read decrypts page 1: a wrong key or a damaged header fails here, before
    // anything could be written.
    if (!runPragma("SELECT count(*) FROM sqlite_master", &context))
        return false;

    const QByteArray cache = "PRAGMA cache_size = " + QByteArray::number(m_options.cachePages);
    if (!runPragma(cache.constData(), &context))
        return false;
    // Temporary tables and sort spills stay in memory: SQLCipher encrypts only the main
    // file, its journal and WAL, never temp files.
    if (!runPragma("PRAGMA temp_store = MEMORY", &context))
        return false;
    if (!m_options.readOnly) {
        if (!runPragma("PRAGMA journal_mode = WAL", &context)
            || !runPragma("PRAGMA synchronous = NORMAL", &context))
            return false;
    }

    setOpen(true);
    setOpenError(false);
    qCDebug(lcDriver) << "opened store" << (m_options.readOnly ? "read-only" : "read-write");
    return true;
}

void SqlCipherDriver::close()
{
    closeHandle();
    setOpen(false);
    setOpenError(false);
}

void SqlCipherDriver::closeHandle()
{
    m_key.clear();
    if (!m_db)
        return;
    // Results still alive hold statements; close_v2 finalises the handle once they go.
    sqlite3_close_v2(m_db);
    m_db = nullptr;
}

bool SqlCipherDriver::rekey(const SecretBytes &newKey, KeyKind kind)
{
    if (!m_db || newKey.isEmpty())
        return false;
    int rc = SQLITE_OK;
    if (kind == KeyKind::Raw) {
        const SecretBytes literal = newKey.toRawKeyLiteral();
        rc = sqlite3_rekey(m_db, literal.data(), static_cast<int>(literal.size()));
    } else {
        rc = sqlite3_rekey(m_db, newKey.data(), static_cast<int>(newKey.size()));
    }
    if (rc != SQLITE_OK) {
        setLastError(makeError(m_db, rc, QStringLiteral("rekey"), QSqlError::UnknownError));
        return false;
    }
    return true;
}

QSqlResult *SqlCipherDriver::createResult() const
{
    return new SqlCipherResult(this);
}

bool SqlCipherDriver::runTransactionStatement(const char *sql)
{
    if (!m_db)
        return false;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK)
        return true;
    setLastError(makeError(m_db, rc, QString::fromLatin1(sql), QSqlError::TransactionError));
    return false;
}

bool SqlCipherDriver::beginTransaction()
{
    // IMMEDIATE takes the write lock now, so two connections never both read, then both
    // try to upgrade and deadlock on commit.
    return runTransactionStatement("BEGIN IMMEDIATE");
}

bool SqlCipherDriver::commitTransaction()
{
    return runTransactionStatement("COMMIT");
}

bool SqlCipherDriver::rollbackTransaction()
{
    return runTransactionStatement("ROLLBACK");
}

QStringList SqlCipherDriver::tables(QSql::TableType type) const
{
    QStringList names;
    if (!isOpen())
        return names;
    QString sql;
    switch (type) {
    case QSql::Tables:
        sql = QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                             "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
        break;
    case QSql::Views:
        sql = QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name");
        break;
    case QSql::SystemTables:
        return { QStringLiteral("sqlite_master") };
    case QSql::AllTables:
        sql = QStringLiteral("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                             "ORDER BY name");
        break;
    }
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    if (query.exec(sql)) {
        while (query.next())
            names << query.value(0).toString();
    }
    return names;
}

QSqlRecord SqlCipherDriver::record(const QString &tableName) const
{
    QSqlRecord result;
    if (!isOpen())
        return result;
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    if (!query.exec(QLatin1String("PRAGMA table_info(") + escapeIdentifier(tableName, TableName)
                    + QLatin1Char(')')))
        return result;
    while (query.next()) {
        QSqlField field(query.value(1).toString(), typeFromDeclaration(query.value(2).toString()),
                        tableName);
        field.setRequiredStatus(query.value(3).toInt() ? QSqlField::Required : QSqlField::Optional);
        field.setDefaultValue(query.value(4));
        result.append(field);
    }
    return result;
}

QSqlIndex SqlCipherDriver::primaryIndex(const QString &tableName) const
{
    QSqlIndex index(tableName);
    if (!isOpen())
        return index;
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    if (!query.exec(QLatin1String("PRAGMA table_info(") + escapeIdentifier(tableName, TableName)
                    + QLatin1Char(')')))
        return index;
    while (query.next()) {
        if (query.value(5).toInt() > 0) {
            index.append(QSqlField(query.value(1).toString(),
                                   typeFromDeclaration(query.value(2).toString()), tableName));
        }
    }
    return index;
}

QString SqlCipherDriver::escapeIdentifier(const QString &identifier, IdentifierType) const
{
    QString escaped = identifier;
    if (!escaped.startsWith(QLatin1Char('"')) || !escaped.endsWith(QLatin1Char('"'))) {
        escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
        escaped = QLatin1Char('"') + escaped + QLatin1Char('"');
    }
    return escaped;
}

QVariant SqlCipherDriver::handle() const
{
    return QVariant::fromValue(static_cast<void *>(m_db));
}

} // namespace branchline
