// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "keys/SecretBytes.h"

#include <QSqlDriver>
#include <QSqlError>

struct sqlite3;

namespace branchline {

// A Qt SQL driver over the SQLCipher C API.
//
// Register it per connection: QSqlDatabase::addDatabase(new SqlCipherDriver, name). Give it
// the key with setKey() before QSqlDatabase::open(); the driver wipes its copy as soon as
// the file is keyed, so the key never sits in QSqlDatabase's password field.
//
// Named placeholders are rewritten to positional ones by QSqlResult, so both `:name` and
// `?` work. QDateTime binds as ISO 8601 UTC text with milliseconds, QDate as yyyy-MM-dd.
class SqlCipherDriver : public QSqlDriver
{
    Q_OBJECT

public:
    enum class KeyKind {
        Raw, // 32 random bytes, used as the cipher key directly (no KDF on open)
        Passphrase, // text typed by the user, stretched with SQLCipher's PBKDF2
    };

    struct Options
    {
        bool createIfMissing = false;
        bool readOnly = false;
        int cachePages = 16384; // 64 MiB of 4 KiB pages: the hot part of a 1M-row store
        int busyTimeoutMs = 5000;
    };

    explicit SqlCipherDriver(QObject *parent = nullptr);
    ~SqlCipherDriver() override;

    void setKey(SecretBytes key, KeyKind kind);
    void setOptions(const Options &options) { m_options = options; }
    Options options() const { return m_options; }

    // Re-encrypts the open store under a new key (PRAGMA rekey).
    bool rekey(const SecretBytes &newKey, KeyKind kind);

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString &db, const QString &user, const QString &password, const QString &host,
              int port, const QString &connectOptions) override;
    void close() override;
    QSqlResult *createResult() const override;

    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;

    QStringList tables(QSql::TableType type) const override;
    QSqlRecord record(const QString &tableName) const override;
    QSqlIndex primaryIndex(const QString &tableName) const override;
    QString escapeIdentifier(const QString &identifier, IdentifierType type) const override;
    QVariant handle() const override;

    sqlite3 *connection() const { return m_db; }

    // A QSqlError whose driver text explains, in the user's language, what `resultCode`
    // means for the store and what to do about it.
    static QSqlError makeError(sqlite3 *db, int resultCode, const QString &context,
                               QSqlError::ErrorType type);

private:
    bool runPragma(const char *sql, QString *error);
    bool applyKey(QString *error);
    bool fail(int resultCode, const QString &context);
    bool runTransactionStatement(const char *sql);
    void closeHandle(); // not virtual: also called from the destructor

    sqlite3 *m_db = nullptr;
    SecretBytes m_key;
    KeyKind m_keyKind = KeyKind::Raw;
    Options m_options;
};

} // namespace branchline
