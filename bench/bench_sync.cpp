// SPDX-License-Identifier: GPL-3.0-or-later
// The sync benchmark (issue 4, docs/benchmarks.md): a real branchline-server on a seeded
// SQLite file and the client's SyncWorker on encrypted stores, over loopback.
//
//   1. initial sync of every customer and timeline entry (admin) into an empty store,
//      against the physical limit measured in the same run: the same rows inserted into a
//      fresh store of the same schema through SQLCipher's C API (CApiBulkCopy);
//      peak memory and the longest stall of this (the GUI's) thread meanwhile;
//   2. push of N offline edits by a region manager, acknowledged and echoed back by the
//      pull (the manager's own first sync is reported too);
//   3. N conflicting edits of one field by a rep and the manager, carried by the pokes;
//      every losing value journalled for its author, both devices equal.
//
// bench_sync [--customers 100000] [--activities 1000000] [--edits 10000] [--conflicts 1000]
//            [--work-dir DIR] [--cache-dir DIR]
#include "BenchServer.h"
#include "CApiBulkCopy.h"
#include "CApiStore.h"
#include "SyncWorker.h"
#include "accounts/AccountRegistry.h"
#include "repositories/CustomerRepository.h"
#include "store/LocalTransaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>

using namespace branchline;
using namespace branchline::sync;

namespace {

SecretBytes benchKey()
{
    // A fixed benchmark key, not a secret: the baseline opens the same files.
    QByteArray bytes(32, '\x5a');
    return SecretBytes::takeFrom(bytes);
}

QByteArray benchKeyLiteral()
{
    return benchKey().toRawKeyLiteral().toByteArray();
}

double ownCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long peakRssKib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

void say(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
}

// The longest time this thread's event loop did not get to a 5 ms timer: what a user
// would feel as a frozen window.
class StallMeter
{
public:
    StallMeter()
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_worstNs = std::max(m_worstNs, now - m_lastNs - 5'000'000);
            m_lastNs = now;
        });
    }
    void start()
    {
        m_worstNs = 0;
        m_clock.start();
        m_lastNs = 0;
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return double(m_worstNs) / 1e6;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_worstNs = 0;
};

SyncSettings settingsFor(const QUrl &server, const QString &name, const QString &path)
{
    SyncSettings settings{ server, QStringLiteral("bench-") + name, path };
    // Only the benchmark starts rounds: a periodic one could catch edits half-written.
    settings.periodicMs = 24 * 3600 * 1000;
    return settings;
}

// One account's store with its worker, signed in.
class Device
{
public:
    Device(const QString &path, const QUrl &server, const QString &name)
        : m_store(path)
        , m_worker(settingsFor(server, name, path))
    {
    }

    bool open(QString *error)
    {
        if (!m_store.open(benchKey(), LocalStore::KeyKind::Raw, true)) {
            *error = m_store.lastError().detail;
            return false;
        }
        bool ok = false;
        QEventLoop loop;
        QObject::connect(&m_worker, &SyncWorker::opened, &loop,
                         [&](bool opened, const QString &message) {
                             ok = opened;
                             *error = message;
                             loop.quit();
                         });
        m_worker.open(benchKey(), LocalStore::KeyKind::Raw);
        loop.exec();
        return ok;
    }

    // Signs in, which starts the first round, and waits for it.
    SyncOutcome signInAndSync(const QString &login)
    {
        m_worker.signIn(login, BenchServer::demoPassword());
        return waitForRound();
    }
    SyncOutcome sync()
    {
        m_worker.syncNow();
        return waitForRound();
    }

    // Rounds started by anything (the poke socket's catch-up round may start one just
    // before syncNow()) are summed from here until `pushed` mutations have an answer, or
    // a round fails.
    void collectRounds() { m_collected = SyncOutcome(); }
    SyncOutcome syncUntilPushed(qint64 pushed)
    {
        QEventLoop loop;
        const auto connection = QObject::connect(
                &m_worker, &SyncWorker::roundFinished, &loop, [&](const SyncOutcome &round) {
                    const SyncSummary sum = m_collected.summary;
                    m_collected = round;
                    m_collected.summary.add(sum);
                    if (round.status != SyncOutcome::Status::Done
                        || m_collected.summary.mutationsPushed >= pushed)
                        loop.quit();
                });
        m_worker.syncNow();
        loop.exec();
        QObject::disconnect(connection);
        return m_collected;
    }

    QSqlDatabase db() const { return m_store.database(); }
    SyncWorker &worker() { return m_worker; }

private:
    SyncOutcome waitForRound()
    {
        SyncOutcome outcome;
        QEventLoop loop;
        const auto connection =
                QObject::connect(&m_worker, &SyncWorker::roundFinished, &loop,
                                 [&](const SyncOutcome &finished) {
                                     outcome = finished;
                                     loop.quit();
                                 });
        QObject::connect(&m_worker, &SyncWorker::signedIn, &loop,
                         [&](bool ok, const QString &message) {
                             if (!ok) {
                                 outcome.status = SyncOutcome::Status::Failed;
                                 outcome.message = message;
                                 loop.quit();
                             }
                         });
        loop.exec();
        QObject::disconnect(connection);
        QObject::disconnect(&m_worker, &SyncWorker::signedIn, &loop, nullptr);
        return outcome;
    }

    LocalStore m_store;
    SyncWorker m_worker;
    SyncOutcome m_collected;
};

QStringList customerIds(const QSqlDatabase &db, int limit)
{
    QStringList ids;
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT id FROM customers WHERE deleted = 0 ORDER BY local_id "
                              "LIMIT %1")
                       .arg(limit));
    while (query.next())
        ids << query.value(0).toString();
    return ids;
}

// Changes one ordinary field of each customer offline: each edit one outbox row.
bool editNotes(const QSqlDatabase &db, const QStringList &ids, const QString &text,
               QString *error)
{
    CustomerRepository customers(db);
    LocalTransaction transaction(db);
    StoreError storeError;
    if (!transaction.begin(&storeError)) {
        *error = storeError.detail;
        return false;
    }
    for (const QString &id : ids) {
        std::optional<Customer> customer = customers.find(id);
        if (!customer) {
            *error = QStringLiteral("customer %1 is missing").arg(id);
            return false;
        }
        customer->notes = text + QLatin1Char(' ') + id.left(8);
        const SaveResult saved = customers.update(*customer);
        if (!saved) {
            *error = saved.firstMessage();
            return false;
        }
    }
    if (!transaction.commit(&storeError)) {
        *error = storeError.detail;
        return false;
    }
    return true;
}

qint64 count(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

void removeStore(const QString &path)
{
    // The store with its WAL, SHM and migration backups, as removing an account does.
    AccountRegistry::removeStoreFiles(path, nullptr);
}

int fail(const QString &what)
{
    say(QStringLiteral("bench_sync: ") + what);
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption customersOption(QStringLiteral("customers"), QString(),
                                             QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption activitiesOption(QStringLiteral("activities"), QString(),
                                              QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption editsOption(QStringLiteral("edits"), QString(), QStringLiteral("n"),
                                         QStringLiteral("10000"));
    const QCommandLineOption conflictsOption(QStringLiteral("conflicts"), QString(),
                                             QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption workOption(QStringLiteral("work-dir"), QString(),
                                        QStringLiteral("dir"));
    const QCommandLineOption cacheOption(
            QStringLiteral("cache-dir"), QString(), QStringLiteral("dir"),
            QDir::homePath() + QStringLiteral("/.cache/branchline-bench"));
    parser.addOptions({ customersOption, activitiesOption, editsOption, conflictsOption,
                        workOption, cacheOption });
    parser.addHelpOption();
    parser.process(app);

    QTemporaryDir temporary;
    const QString work = parser.isSet(workOption) ? parser.value(workOption) : temporary.path();
    QDir().mkpath(work);
    BenchServer server(QStringLiteral(BRANCHLINE_SERVER), work, parser.value(cacheOption));
    QString error;
    say(QStringLiteral("seeding (cached after the first run)…"));
    if (!server.prepare(parser.value(customersOption).toLongLong(),
                        parser.value(activitiesOption).toLongLong(), &error)
        || !server.start(&error))
        return fail(error);

    // 1. Initial sync.
    const QString pathA = work + QStringLiteral("/admin.db");
    removeStore(pathA);
    auto admin = std::make_unique<Device>(pathA, server.url(), QStringLiteral("admin"));
    if (!admin->open(&error))
        return fail(error);
    QObject::connect(&admin->worker(), &SyncWorker::progress, [](SyncPhase phase, qint64 done,
                                                                  qint64, qint64 bytes) {
        std::fprintf(stderr, "\r%s: %lld rows, %lld MiB   ", qPrintable(SyncEngine::phaseText(phase)),
                     static_cast<long long>(done), static_cast<long long>(bytes >> 20));
    });
    StallMeter stalls;
    stalls.start();
    QElapsedTimer clock;
    clock.start();
    const SyncOutcome initial = admin->signInAndSync(QStringLiteral("admin"));
    const double syncMs = double(clock.nsecsElapsed()) / 1e6;
    const double worstStallMs = stalls.stop();
    const long syncPeakKib = peakRssKib();
    say(QString());
    if (initial.status != SyncOutcome::Status::Done)
        return fail(QStringLiteral("initial sync: ") + initial.message);
    const qint64 rows = initial.summary.rowsPulled;

    std::printf("Sync benchmark: %lld customers, %lld activities (loopback, same run)\n\n",
                parser.value(customersOption).toLongLong(),
                parser.value(activitiesOption).toLongLong());
    std::printf("| step | measured | target |\n|---|---|---|\n");
    const double syncRate = double(rows) / (syncMs / 1000);
    std::printf("| initial sync | %lld rows in %.1f s = %.0f rows/s (%d pages, %.0f MiB) | |\n",
                static_cast<long long>(rows), syncMs / 1000, syncRate, initial.summary.pages,
                double(initial.summary.bytes) / 1048576.0);
    std::printf("| peak memory during initial sync | %.0f MiB | < 300 MiB %s |\n",
                double(syncPeakKib) / 1024, syncPeakKib < 300 * 1024 ? "met" : "MISSED");
    std::printf("| longest stall of this thread | %.1f ms | < 50 ms %s |\n", worstStallMs,
                worstStallMs < 50 ? "met" : "MISSED");
    std::fflush(stdout);

    // The physical limit: the same rows through the C API into a fresh store.
    const QString pathLimit = work + QStringLiteral("/limit.db");
    QFile::remove(pathLimit);
    {
        LocalStore fresh(pathLimit);
        if (!fresh.open(benchKey(), LocalStore::KeyKind::Raw, true))
            return fail(fresh.lastError().detail);
    }
    CApiStore source;
    CApiStore target;
    BulkCopyResult limit;
    if (!source.open(pathA, benchKeyLiteral(), &error) || !target.open(pathLimit, benchKeyLiteral(), &error)
        || !bulkCopy(source, target,
                     { QStringLiteral("branches"), QStringLiteral("users"),
                       QStringLiteral("customers"), QStringLiteral("contacts"),
                       QStringLiteral("leads"), QStringLiteral("tasks"),
                       QStringLiteral("activities"), QStringLiteral("sync_conflicts"),
                       QStringLiteral("terminals"), QStringLiteral("merchant_volumes"),
                       QStringLiteral("kyc_items"), QStringLiteral("field_versions") },
                     1000, &limit, &error))
        return fail(QStringLiteral("baseline: ") + error);
    source.close();
    target.close();
    const double limitMs = limit.insertMs + limit.indexMs;
    const double limitRate = double(limit.rows) / (limitMs / 1000);
    std::printf("| C API bulk insert, same rows | %lld rows in %.1f s (insert %.1f s, index "
                "%.1f s) = %.0f rows/s | |\n",
                static_cast<long long>(limit.rows), limitMs / 1000, limit.insertMs / 1000,
                limit.indexMs / 1000, limitRate);
    std::printf("| initial sync / limit | %.2f | ≥ 0.50 %s |\n", syncRate / limitRate,
                syncRate / limitRate >= 0.5 ? "met" : "MISSED");
    std::fflush(stdout);

    // 2. Offline edits pushed and echoed, by a branch manager: the admin (IT) may not
    // change business fields, a manager may change those of the branch's customers.
    const QString pathManager = work + QStringLiteral("/manager.db");
    removeStore(pathManager);
    Device manager(pathManager, server.url(), QStringLiteral("manager"));
    if (!manager.open(&error))
        return fail(error);
    clock.restart();
    const SyncOutcome managerInitial = manager.signInAndSync(QStringLiteral("zj.manager"));
    const double managerSyncMs = double(clock.nsecsElapsed()) / 1e6;
    if (managerInitial.status != SyncOutcome::Status::Done)
        return fail(QStringLiteral("manager sync: ") + managerInitial.message);
    std::printf("| initial sync, a region manager's scope | %lld rows in %.1f s = %.0f rows/s | |\n",
                static_cast<long long>(managerInitial.summary.rowsPulled), managerSyncMs / 1000,
                double(managerInitial.summary.rowsPulled) / (managerSyncMs / 1000));
    const QStringList edited = customerIds(manager.db(), parser.value(editsOption).toInt());
    manager.collectRounds();
    if (!editNotes(manager.db(), edited, QStringLiteral("离线修改"), &error))
        return fail(error);
    const double serverCpuBefore = server.cpuSeconds();
    const double clientCpuBefore = ownCpuSeconds();
    clock.restart();
    const SyncOutcome pushed = manager.syncUntilPushed(edited.size());
    const double pushMs = double(clock.nsecsElapsed()) / 1e6;
    const double pushServerCpu = server.cpuSeconds() - serverCpuBefore;
    const double pushClientCpu = ownCpuSeconds() - clientCpuBefore;
    // Every edit acknowledged as applied: a rejected one would be journalled instead.
    if (pushed.status != SyncOutcome::Status::Done
        || pushed.summary.mutationsPushed != edited.size() || pushed.summary.conflicts != 0)
        return fail(QStringLiteral("push: %1 mutations, %2 not applied, %3")
                            .arg(pushed.summary.mutationsPushed)
                            .arg(pushed.summary.conflicts)
                            .arg(pushed.message));
    std::printf("| push %lld edits, acknowledged and echoed | %.2f s (%lld rows back; CPU: "
                "server %.2f s, client %.2f s) | < 2 s %s |\n",
                static_cast<long long>(edited.size()), pushMs / 1000,
                static_cast<long long>(pushed.summary.rowsPulled), pushServerCpu, pushClientCpu,
                pushMs < 2000 ? "met" : "MISSED");
    std::fflush(stdout);

    // 3. Conflicts: a rep and the manager change the same field of the same customers
    // offline, then the manager syncs. From there the pokes drive both devices by
    // themselves (the rep's worker syncs on the manager's changes, the manager's on the
    // rep's): timed until every losing value is in its author's journal, whichever device
    // that is, and both devices hold the same values.
    const QString pathRep = work + QStringLiteral("/rep.db");
    removeStore(pathRep);
    Device rep(pathRep, server.url(), QStringLiteral("rep"));
    if (!rep.open(&error))
        return fail(error);
    const SyncOutcome repInitial = rep.signInAndSync(QStringLiteral("zj.rep1"));
    if (repInitial.status != SyncOutcome::Status::Done)
        return fail(QStringLiteral("rep sync: ") + repInitial.message);
    const QStringList contested = customerIds(rep.db(), parser.value(conflictsOption).toInt());
    const QString overwritten = QStringLiteral(
            "SELECT count(*) FROM sync_conflicts WHERE resolution IS NULL AND kind = 'overwritten'");
    const auto journalled = [&] { return count(manager.db(), overwritten) + count(rep.db(), overwritten); };
    const qint64 journalBefore = journalled();
    if (!editNotes(rep.db(), contested, QStringLiteral("客户经理的备注"), &error)
        || !editNotes(manager.db(), contested, QStringLiteral("主管的备注"), &error))
        return fail(error);
    clock.restart();
    manager.worker().syncNow();
    rep.worker().syncSoon();
    const QString notesOf = QStringLiteral("SELECT group_concat(notes, '|') FROM (SELECT notes "
                                           "FROM customers WHERE id IN ('%1') ORDER BY id)")
                                    .arg(contested.join(QStringLiteral("','")));
    const auto text = [](const QSqlDatabase &db, const QString &sql) {
        QSqlQuery query(db);
        return query.exec(sql) && query.next() ? query.value(0).toString() : QString();
    };
    QEventLoop settle;
    QTimer poll;
    bool settled = false;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        settled = journalled() - journalBefore >= contested.size()
                && text(manager.db(), notesOf) == text(rep.db(), notesOf);
        if (settled || clock.elapsed() > 300000)
            settle.quit();
    });
    poll.start(20);
    settle.exec();
    const double conflictMs = double(clock.nsecsElapsed()) / 1e6;
    const qint64 journal = journalled() - journalBefore;
    if (!settled)
        return fail(QStringLiteral("%1 conflicting edits: %2 journal entries, devices %3")
                            .arg(contested.size())
                            .arg(journal)
                            .arg(text(manager.db(), notesOf) == text(rep.db(), notesOf)
                                         ? QStringLiteral("agree")
                                         : QStringLiteral("differ")));
    std::printf("| %lld conflicting field edits | %.2f s until both devices agree and every "
                "losing value is in its author's journal (%lld of %lld) | every loser "
                "journalled: met |\n",
                static_cast<long long>(contested.size()), conflictMs / 1000,
                static_cast<long long>(journal), static_cast<long long>(contested.size()));

    return 0;
}
