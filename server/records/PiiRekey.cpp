// SPDX-License-Identifier: GPL-3.0-or-later
#include "PiiRekey.h"

#include "PiiBatches.h"
#include "PiiTable.h"
#include "PiiUpgrade.h"
#include "core/AuditLog.h"
#include "core/KeyRing.h"
#include "core/PiiVault.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>
#include <sodium.h>
#include <thread>

namespace branchline::server {

namespace {

constexpr int batchSize = 500;
std::atomic<qint64> pauseMs{ 1000 };
std::atomic<qint64> graceMs{ 5000 };

// The key check (PiiUpgrade) follows the data it vouches for onto the new key.
bool reencryptCheck(const Database &database, const KeyRing::Key &key, qint64 *moved,
                    QString *error)
{
    const PiiPlace place{ QStringLiteral("server_meta"), QStringLiteral("value"),
                          PiiUpgrade::dataCheckKey() };
    return database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                QSqlQuery query(db);
                query.prepare(QStringLiteral("SELECT value FROM server_meta WHERE key = ?"));
                query.addBindValue(PiiUpgrade::dataCheckKey());
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                if (!query.next())
                    return true;
                const QString stored = query.value(0).toString();
                query.finish();
                const int number = PiiVault::keyNumberOf(stored);
                if (number == 0 || number >= key.number)
                    return true;
                QString clear;
                const PiiVault::Problem problem = PiiVault::open(stored, place, &clear);
                if (problem != PiiVault::Problem::None) {
                    *txError = PiiVault::describe(problem, place, number);
                    return false;
                }
                query.prepare(QStringLiteral(
                        "UPDATE server_meta SET value = ? WHERE key = ? AND value = ?"));
                query.addBindValue(PiiVault::sealWith(key, clear, place));
                query.addBindValue(PiiUpgrade::dataCheckKey());
                query.addBindValue(stored);
                if (!query.exec()) {
                    *txError = query.lastError().text();
                    return false;
                }
                ++*moved;
                return true;
            },
            error);
}

} // namespace

void PiiRekey::setTimings(std::chrono::milliseconds pause, std::chrono::milliseconds grace)
{
    pauseMs = pause.count();
    graceMs = grace.count();
}

bool PiiRekey::rotate(const Database &database, const Report &report, int *newKey, QString *error)
{
    const std::shared_ptr<const KeyRing> installed = KeyRing::installed();
    if (!installed) {
        *error = tr("No key folder is open.");
        return false;
    }
    auto ring = std::make_shared<KeyRing>();
    KeyRing::Key created;
    if (!ring->open(installed->directory(), error)
        || !ring->create(KeyRing::Purpose::Data, &created, error))
        return false;
    *newKey = created.number;
    sodium_memzero(created.bytes.data(), created.bytes.size());
    KeyRing::install(ring);
    report(tr("Data key %1 made in %2; instances sharing the folder encrypt with it within %3 "
              "seconds.")
                   .arg(*newKey)
                   .arg(ring->directory())
                   .arg(PiiVault::refreshInterval().count() / 1000));
    return reencrypt(database, *newKey, report, error);
}

bool PiiRekey::reencrypt(const Database &database, int key, const Report &report, QString *error)
{
    const std::shared_ptr<const KeyRing> ring = KeyRing::installed();
    KeyRing::Key target = ring ? ring->find(KeyRing::Purpose::Data, key) : KeyRing::Key();
    if (!target.isValid()) {
        *error = tr("The key folder has no data key %1.").arg(key);
        return false;
    }
    // Every instance seals under the new key once it has read the folder again, which it
    // does before sealing when refreshInterval() has passed; the grace covers writes sealed
    // just before and still waiting for their commit. Only a pass that starts after that
    // and meets no older key ends the rotation: a value an instance wrote under the old
    // key after the scan went by is then found by a later pass.
    using Clock = std::chrono::steady_clock;
    const Clock::time_point settled =
            Clock::now() + PiiVault::refreshInterval() + std::chrono::milliseconds(graceMs.load());
    qint64 total = 0;
    int pass = 0;
    bool ok = true;
    bool toldWaiting = false;
    for (;;) {
        ++pass;
        const bool afterSettled = Clock::now() >= settled;
        qint64 met = 0; // values under an older key this pass
        for (const PiiTable &table : PiiTable::all()) {
            const auto work = [&](const PiiBatches::Row &row, QList<PiiBatches::Change> *changes,
                                  QString *workError) {
                for (int i = 0; i < table.columns().size(); ++i) {
                    const QString &stored = row.values.at(i);
                    if (stored.isEmpty())
                        continue;
                    const PiiPlace place{ table.table(), table.columns().at(i).name, row.id };
                    const int number = PiiVault::keyNumberOf(stored);
                    if (number >= key)
                        continue; // on this key, or on a newer one from another rotation
                    QString clear;
                    const PiiVault::Problem problem = PiiVault::open(stored, place, &clear);
                    if (problem != PiiVault::Problem::None) {
                        *workError = PiiVault::describe(problem, place, number);
                        return false;
                    }
                    PiiBatches::Change change;
                    change.column = i;
                    change.value = PiiVault::sealWith(target, clear, place);
                    changes->append(change);
                }
                return true;
            };
            PiiBatches::Counts counts;
            if (!PiiBatches::walk(database, table, batchSize, work, &counts, error)) {
                ok = false;
                break;
            }
            // A value changed between the read and the write was rewritten by a request,
            // under whichever key its instance holds: the next pass looks at it again.
            met += counts.changed + counts.missed;
            total += counts.changed;
        }
        if (!ok || !reencryptCheck(database, target, &met, error)) {
            ok = false;
            break;
        }
        if (met == 0 && afterSettled)
            break;
        if (met > 0) {
            report(tr("Pass %1: %2 values moved to data key %3; looking again for values "
                      "written meanwhile under an older key.")
                           .arg(pass)
                           .arg(met)
                           .arg(key));
        } else if (!toldWaiting) {
            toldWaiting = true;
            report(tr("Waiting until every instance encrypts with data key %1, then looking "
                      "once more.")
                           .arg(key));
        }
        // Values met: look again after the pause. None: once more when all have settled.
        const Clock::duration wait = met > 0
                ? Clock::duration(std::chrono::milliseconds(pauseMs.load()))
                : std::max<Clock::duration>(settled - Clock::now(), Clock::duration::zero());
        std::this_thread::sleep_for(wait);
    }
    sodium_memzero(target.bytes.data(), target.bytes.size());
    if (!ok)
        return false;
    report(tr("No personal data is left under a data key older than %1 (%2 values re-encrypted "
              "in %3 passes).")
                   .arg(key)
                   .arg(total)
                   .arg(pass));
    return database.inTransaction(
            [&](QSqlDatabase &db, QString *txError) {
                const QJsonObject detail{ { QStringLiteral("key"), key },
                                          { QStringLiteral("values"), double(total) },
                                          { QStringLiteral("passes"), pass } };
                return AuditLog::append(
                        db,
                        { QString(), QStringLiteral("pii.rekey"), QString(), QString(), QString(),
                          QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)) },
                        txError);
            },
            error);
}

} // namespace branchline::server
