// SPDX-License-Identifier: GPL-3.0-or-later
#include "PiiUpgrade.h"

#include "PiiBatches.h"
#include "PiiTable.h"
#include "core/AuditLog.h"
#include "core/KeyRing.h"
#include "core/PiiVault.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcPiiUpgrade, "branchline.server.pii.upgrade")

namespace branchline::server {

namespace {

// Any constant every instance agrees on: PostgreSQL's advisory lock for settling the keys.
constexpr qint64 keysLockKey = 0x426c506969; // "BlPii"
constexpr int batchSize = 500;

const QString sealedColumnsKey = QStringLiteral("pii_sealed");

bool metaValue(QSqlDatabase &db, const QString &key, QString *value, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT value FROM server_meta WHERE key = ?"));
    query.addBindValue(key);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    *value = query.next() ? query.value(0).toString() : QString();
    return true;
}

bool setMetaValue(QSqlDatabase &db, const QString &key, const QString &value, QString *error)
{
    QSqlQuery query(db);
    query.prepare(db.driverName() == QLatin1String("QPSQL")
                          ? QStringLiteral("INSERT INTO server_meta (key, value) VALUES (?, ?) "
                                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                          : QStringLiteral("INSERT OR REPLACE INTO server_meta (key, value) "
                                           "VALUES (?, ?)"));
    query.addBindValue(key);
    query.addBindValue(value);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

PiiPlace dataCheckPlace()
{
    return PiiPlace{ QStringLiteral("server_meta"), QStringLiteral("value"),
                     PiiUpgrade::dataCheckKey() };
}

bool indexCheck(QString *index, QString *error)
{
    return PiiVault::blindIndex(PiiKind::Name, QStringLiteral("server_meta"),
                                QStringLiteral("value"), PiiUpgrade::checkText(), index, error);
}

} // namespace

bool PiiUpgrade::run(const Database &database, QString *error)
{
    if (PiiVault::clearTextForBenchmark())
        return true;
    return settleKeys(database, error) && sealClearValues(database, error);
}

bool PiiUpgrade::settleKeys(const Database &database, QString *error)
{
    if (!KeyRing::installed()) {
        *error = tr("No key folder is open, so personal data can be neither stored nor read.");
        return false;
    }
    return database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                if (database.isPostgres()) {
                    QSqlQuery lock(db);
                    if (!lock.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)")
                                           .arg(keysLockKey))) {
                        *txError = lock.lastError().text();
                        return false;
                    }
                }
                QString dataCheck;
                QString storedIndexCheck;
                if (!metaValue(db, dataCheckKey(), &dataCheck, txError)
                    || !metaValue(db, indexCheckKey(), &storedIndexCheck, txError))
                    return false;
                std::shared_ptr<const KeyRing> ring = KeyRing::installed();
                const QString folder = ring->directory();
                const bool hasData = ring->has(KeyRing::Purpose::Data);
                const bool hasIndex = ring->has(KeyRing::Purpose::Index);

                if (dataCheck.isEmpty()) {
                    // Keys not settled yet: nothing is encrypted, so the folder's keys (made
                    // now if it has none) become this database's.
                    if (!hasData || !hasIndex) {
                        auto fresh = std::make_shared<KeyRing>();
                        if (!fresh->open(folder, txError)
                            || (!fresh->has(KeyRing::Purpose::Data)
                                && !fresh->create(KeyRing::Purpose::Data, nullptr, txError))
                            || (!fresh->has(KeyRing::Purpose::Index)
                                && !fresh->create(KeyRing::Purpose::Index, nullptr, txError)))
                            return false;
                        KeyRing::install(fresh);
                        qCInfo(lcPiiUpgrade).noquote()
                                << "made the data and index keys for personal data in" << folder;
                    }
                    QString sealed;
                    QString index;
                    if (!PiiVault::seal(checkText(), dataCheckPlace(), &sealed, txError)
                        || !indexCheck(&index, txError))
                        return false;
                    return setMetaValue(db, dataCheckKey(), sealed, txError)
                            && setMetaValue(db, indexCheckKey(), index, txError);
                }

                if (!hasData) {
                    *txError = tr("The database holds encrypted personal data, but the key "
                                  "folder %1 has no data key. Restore the folder from its "
                                  "backup (its data-N.key and index-N.key files), or set "
                                  "key_dir (--key-dir) to where it is.")
                                       .arg(folder);
                    return false;
                }
                QString clear;
                int number = 0;
                const PiiVault::Problem problem =
                        PiiVault::open(dataCheck, dataCheckPlace(), &clear, &number);
                if (problem == PiiVault::Problem::UnknownKey) {
                    *txError = tr("The database's personal data is encrypted under data key %1, "
                                  "which is not in the key folder %2. Restore data-%1.key "
                                  "from the folder's backup, or set key_dir (--key-dir) to the "
                                  "folder that has it.")
                                       .arg(number)
                                       .arg(folder);
                    return false;
                }
                if (problem != PiiVault::Problem::None || clear != checkText()) {
                    *txError = tr("The keys in the key folder %1 are not the ones this "
                                  "database's personal data was encrypted with (data key %2 "
                                  "does not open the database's key check). Set key_dir "
                                  "(--key-dir) to this database's key folder.")
                                       .arg(folder)
                                       .arg(number);
                    return false;
                }
                QString index;
                if (!hasIndex) {
                    *txError = tr("The database's personal data is indexed, but the key folder "
                                  "%1 has no index key. Restore index-1.key from the folder's "
                                  "backup.")
                                       .arg(folder);
                    return false;
                }
                if (!indexCheck(&index, txError))
                    return false;
                if (index != storedIndexCheck) {
                    *txError = tr("The index key in the key folder %1 is not the one this "
                                  "database's lookups were made with. Restore the folder's "
                                  "index key from its backup.")
                                       .arg(folder);
                    return false;
                }
                return true;
            },
            error);
}

bool PiiUpgrade::sealClearValues(const Database &database, QString *error)
{
    QSet<QString> done;
    {
        QSqlDatabase db = database.connection(error);
        if (!db.isOpen())
            return false;
        QString list;
        if (!metaValue(db, sealedColumnsKey, &list, error))
            return false;
        for (const QString &column : list.split(QLatin1Char(','), Qt::SkipEmptyParts))
            done.insert(column);
    }
    qint64 sealedValues = 0;
    qint64 rowsSeen = 0;
    bool walked = false;
    QStringList sealedTables;
    for (const PiiTable &table : PiiTable::all()) {
        QList<int> pending;
        for (int i = 0; i < table.columns().size(); ++i)
            if (!done.contains(table.table() + QLatin1Char('.') + table.columns().at(i).name))
                pending << i;
        if (pending.isEmpty())
            continue;
        walked = true;
        const auto work = [&](const PiiBatches::Row &row, QList<PiiBatches::Change> *changes,
                              QString *workError) {
            for (const int i : std::as_const(pending)) {
                const PiiColumn &column = table.columns().at(i);
                const QString &value = row.values.at(i);
                if (value.isEmpty())
                    continue;
                if (column.kind) {
                    // Sealed values carry their blind index; one whose index is empty (no
                    // digits in an account number) still opens.
                    QString ignored;
                    if (!row.indexes.at(i).isEmpty()
                        || PiiVault::open(value, PiiPlace{ table.table(), column.name, row.id },
                                          &ignored)
                                == PiiVault::Problem::None)
                        continue;
                } else if (PiiVault::keyNumberOf(value) != 0) {
                    continue; // the journal's values are JSON: never "e1." in clear
                }
                PiiBatches::Change change;
                change.column = i;
                QVariant sealed;
                if (!table.protect(column.name, row.id, value, &sealed, &change.index, workError))
                    return false;
                change.value = sealed.toString();
                change.setIndex = column.kind.has_value();
                changes->append(change);
            }
            return true;
        };
        // A row another instance sealed between the read and the write is walked again.
        PiiBatches::Counts counts;
        qint64 sealedHere = 0;
        do {
            counts = PiiBatches::Counts();
            if (!PiiBatches::walk(database, table, batchSize, work, &counts, error))
                return false;
            sealedHere += counts.changed;
            rowsSeen += counts.rows;
        } while (counts.missed > 0);
        sealedValues += sealedHere;
        if (sealedHere > 0)
            sealedTables << table.table();
        for (const int i : std::as_const(pending))
            done.insert(table.table() + QLatin1Char('.') + table.columns().at(i).name);
    }
    if (!walked)
        return true;

    if (sealedValues > 0) {
        QSqlDatabase db = database.connection(error);
        // The clear values' old copies (free pages, dead row versions) are rewritten away,
        // so a copy of the files holds none. Outside any transaction, as both engines need.
        QSqlQuery compact(db);
        const QStringList statements = database.isPostgres()
                ? QStringList{ QStringLiteral("VACUUM FULL ") + sealedTables.join(u',') }
                : QStringList{ QStringLiteral("VACUUM"),
                               QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)") };
        for (const QString &statement : statements) {
            if (!compact.exec(statement)) {
                *error = compact.lastError().text();
                return false;
            }
        }
        qCInfo(lcPiiUpgrade) << "sealed" << sealedValues << "personal data values stored in clear"
                             << "in" << rowsSeen << "rows";
    }
    QStringList list(done.cbegin(), done.cend());
    list.sort();
    return database.inTransaction(
            [&](QSqlDatabase &tx, QString *txError) {
                if (!setMetaValue(tx, sealedColumnsKey, list.join(QLatin1Char(',')), txError))
                    return false;
                if (sealedValues == 0)
                    return true;
                return AuditLog::append(
                        tx,
                        { QString(), QStringLiteral("pii.seal"), QString(), QString(), QString(),
                          QString::fromUtf8(QJsonDocument(QJsonObject{ { QStringLiteral("values"),
                                                                         double(sealedValues) } })
                                                    .toJson(QJsonDocument::Compact)) },
                        txError);
            },
            error);
}

} // namespace branchline::server
