// SPDX-License-Identifier: GPL-3.0-or-later
// bench_server_load: many concurrent clients against branchline-server on PostgreSQL, over
// loopback only, bounded in time. Each client signs in, then loops over a mix of customer
// list (60 %), get (30 %) and update (10 %) calls on one kept-alive connection. Reports
// requests/s, p50/p99 latency and errors (which must be 0). A second, shorter phase of
// updates only gives the API's update rate, compared with raw single-row PostgreSQL inserts
// of the same rows from one client, measured in the same run. The whole load runs twice per
// round, on fresh databases: with personal data encrypted at rest (PiiVault, as the server
// runs) and without (PiiVault's code-only switch for this benchmark), alternating which goes
// first, so the cost of the encryption is a ratio measured in the same run. Needs
// BRANCHLINE_TEST_POSTGRES_URL (run it through scripts/with-postgres.sh).
//
//   bench_server_load [--clients 200] [--seconds 30] [--customers 2000] [--rounds 2]
#include "api/ApiContext.h"
#include "cli/DemoSeeder.h"
#include "core/KeyRing.h"
#include "core/PiiVault.h"
#include "core/ServerMigrator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>
#include <sys/resource.h>
#include <thread>
#include <vector>

using namespace branchline;
using namespace branchline::server;

namespace {

const QString password = QStringLiteral("Demo-Password-2026");

// A kept-alive HTTP/1.1 connection speaking just enough for this benchmark.
class Connection
{
public:
    explicit Connection(quint16 port)
        : m_port(port)
    {
    }

    int call(const QByteArray &method, const QByteArray &path, const QByteArray &body,
             const QByteArray &token, QByteArray *reply, int timeoutMs = 10000)
    {
        if (m_socket.state() != QAbstractSocket::ConnectedState) {
            m_socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
            if (!m_socket.waitForConnected(5000))
                return 0;
        }
        QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: bench\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n";
        if (!token.isEmpty())
            request += "Authorization: Bearer " + token + "\r\n";
        m_socket.write(request + "\r\n" + body);
        QByteArray data;
        while (true) {
            const int end = int(data.indexOf("\r\n\r\n"));
            if (end >= 0) {
                int length = 0;
                for (const QByteArray &line : data.left(end).split('\n'))
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toInt();
                if (data.size() >= end + 4 + length) {
                    *reply = data.mid(end + 4, length);
                    return data.mid(9, 3).toInt();
                }
            }
            if (!m_socket.waitForReadyRead(timeoutMs))
                return 0;
            data += m_socket.readAll();
        }
    }

private:
    quint16 m_port;
    QTcpSocket m_socket;
};

struct Totals
{
    std::mutex mutex;
    std::vector<qint64> latenciesUs;
    std::atomic<qint64> requests{ 0 };
    std::atomic<qint64> updates{ 0 };
    std::atomic<qint64> errors{ 0 };
    std::map<int, int> errorStatuses; // under `mutex`: what went wrong, for the report
    QByteArray lastErrorBody;

    void error(int status, const QByteArray &body)
    {
        ++errors;
        std::lock_guard<std::mutex> lock(mutex);
        ++errorStatuses[status];
        lastErrorBody = body.left(300);
    }
};

void runClient(quint16 port, const QString &login, int index, bool updatesOnly,
               std::atomic<int> &ready, std::atomic<bool> &go, std::atomic<bool> &stop,
               Totals &totals)
{
    Connection connection(port);
    QByteArray reply;
    const QByteArray credentials =
            QJsonDocument(QJsonObject{ { QStringLiteral("login"), login },
                                       { QStringLiteral("password"), password },
                                       { QStringLiteral("device_id"),
                                         QStringLiteral("bench-%1").arg(index) } })
                    .toJson(QJsonDocument::Compact);
    // Two hundred argon2id checks at once take a while on two cores: signing in is given
    // its time, and is not part of what is measured.
    if (connection.call("POST", "/api/v1/auth/login", credentials, {}, &reply, 300000) != 200) {
        ++totals.errors;
        ++ready;
        return;
    }
    const QByteArray token = QJsonDocument::fromJson(reply)
                                     .object()
                                     .value(QStringLiteral("access_token"))
                                     .toString()
                                     .toLatin1();
    if (connection.call("GET", "/api/v1/customers?limit=50", {}, token, &reply, 300000) != 200) {
        ++totals.errors;
        ++ready;
        return;
    }
    QList<QByteArray> ids;
    for (const QJsonValue &item :
         QJsonDocument::fromJson(reply).object().value(QStringLiteral("items")).toArray())
        ids << item.toObject().value(QStringLiteral("id")).toString().toLatin1();
    if (ids.isEmpty()) {
        ++totals.errors;
        ++ready;
        return;
    }
    // Signing in (argon2id, by design slow) is not part of the measured load.
    ++ready;
    while (!go)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::mt19937 random(static_cast<unsigned>(index));
    std::vector<qint64> latencies;
    latencies.reserve(100000);
    QElapsedTimer timer;
    while (!stop) {
        const int roll = updatesOnly ? 9 : int(random() % 10);
        const QByteArray &id = ids.at(int(random() % ids.size()));
        timer.start();
        int status = 0;
        if (roll < 6) {
            status = connection.call("GET", "/api/v1/customers?limit=50", {}, token, &reply);
        } else if (roll < 9) {
            status = connection.call("GET", "/api/v1/customers/" + id, {}, token, &reply);
        } else {
            const QByteArray body =
                    "{\"notes\":\"bench " + QByteArray::number(timer.msecsSinceReference()) + "\"}";
            status = connection.call("PATCH", "/api/v1/customers/" + id, body, token, &reply);
            if (status == 200)
                ++totals.updates;
        }
        latencies.push_back(timer.nsecsElapsed() / 1000);
        ++totals.requests;
        if (status < 200 || status >= 300)
            totals.error(status, reply);
    }
    std::lock_guard<std::mutex> lock(totals.mutex);
    totals.latenciesUs.insert(totals.latenciesUs.end(), latencies.begin(), latencies.end());
}

// The baseline: the same row written by one client straight into PostgreSQL, one
// autocommitted INSERT each, as the update path commits one change (plus its audit entry).
double rawInsertsPerSecond(Database &database, int rows)
{
    QString error;
    QSqlDatabase db = database.connection(&error);
    QSqlQuery query(db);
    query.exec(QStringLiteral("CREATE TABLE bench_raw (LIKE customers INCLUDING DEFAULTS)"));
    query.prepare(QStringLiteral("INSERT INTO bench_raw (id, kind, legal_name, notes, created_at, "
                                 "updated_at) VALUES (?, 'merchant', ?, ?, ?, ?)"));
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < rows; ++i) {
        query.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
        query.addBindValue(QStringLiteral("商户%1").arg(i));
        query.addBindValue(QStringLiteral("bench %1").arg(i));
        query.addBindValue(QStringLiteral("2026-11-23T00:00:00.000Z"));
        query.addBindValue(QStringLiteral("2026-11-23T00:00:00.000Z"));
        if (!query.exec()) {
            std::fprintf(stderr, "raw insert failed: %s\n", qPrintable(query.lastError().text()));
            return 0;
        }
    }
    return rows * 1000.0 / double(std::max<qint64>(1, timer.elapsed()));
}

// User and system CPU this process has used, in seconds.
double cpuSecondsUsed()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// What one side (encrypted or not) measured, summed over its rounds.
struct Side
{
    double seconds = 0;
    qint64 requests = 0;
    qint64 errors = 0;
    std::vector<qint64> latenciesUs;
    double updateSeconds = 0;
    qint64 updates = 0;
    qint64 updateErrors = 0;
    double cpuSeconds = 0; // of this process (server and clients) in the mixed phases

    double requestsPerSecond() const { return seconds > 0 ? double(requests) / seconds : 0; }
    double updatesPerSecond() const
    {
        return updateSeconds > 0 ? double(updates) / updateSeconds : 0;
    }
    double percentile(double p)
    {
        std::sort(latenciesUs.begin(), latenciesUs.end());
        return latenciesUs.empty()
                ? 0.0
                : double(latenciesUs[std::min(latenciesUs.size() - 1,
                                              std::size_t(p * double(latenciesUs.size())))])
                        / 1000.0;
    }
};

struct Run
{
    QString adminUrl;
    DatabaseUrl admin;
    int clients = 0;
    int seconds = 0;
    int customers = 0;
};

// A fresh database on the private cluster, seeded, served in this process, and the mixed
// and updates-only phases against it. `raw`, when asked for, measures the baseline inserts
// on the same database afterwards.
bool runSide(const Run &run, bool encrypted, Side *side, double *raw, int rawRows)
{
    PiiVault::setClearTextForBenchmark(!encrypted);
    const QString name = QStringLiteral("load_") + QUuid::createUuid().toString(QUuid::Id128);
    QString error;
    {
        Database admin(run.admin);
        QSqlDatabase db = admin.connection(&error);
        QSqlQuery(db).exec(QStringLiteral("CREATE DATABASE %1").arg(name));
    }
    QUrl url(run.adminUrl);
    url.setPath(QLatin1Char('/') + name);
    DatabaseUrl parsed;
    DatabaseUrl::parse(url.toString(), &parsed, &error);
    bool ok = true;
    {
        Database database(parsed);
        ServerMigrator migrator(database);
        QString seeded;
        QTextStream seedOut(&seeded);
        DemoSeeder seeder(database, seedOut);
        DemoSeeder::Options options;
        options.customers = run.customers;
        options.password = password;
        if (!migrator.migrate(&error) || !seeder.seed(options, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            ok = false;
        }
        PasswordHasher hasher;
        Accounts accounts(database, hasher);
        Authenticator authenticator(database, hasher);
        ApiContext context{ database, authenticator, accounts, nullptr };
        Router router;
        addSystemRoutes(router, context);
        addAuthRoutes(router, context);
        addRecordRoutes(router, context);
        HttpServerSettings settings;
        settings.port = 0;
        settings.threads = 8;
        HttpServer server(router, settings);
        context.metrics = &server.metrics();
        if (ok && !server.start(&error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            ok = false;
        }
        if (ok) {
            // The reps of the demo organisation, shared round-robin by the clients.
            QStringList logins;
            for (const UserAccount &user : accounts.users(&error))
                if (user.role == Role::SalesRep)
                    logins << user.login;
            // Phase 1, the mix; phase 2, updates only, for the comparison with raw inserts.
            // Returns the wall seconds from the start signal to the last client's end; `cpu`
            // gets this process's CPU seconds over the same span (sign-ins excluded).
            auto phase = [&](bool updatesOnly, int duration, Totals &totals, double *cpu) {
                std::atomic<int> ready{ 0 };
                std::atomic<bool> go{ false };
                std::atomic<bool> stop{ false };
                std::vector<std::thread> threads;
                for (int i = 0; i < run.clients; ++i)
                    threads.emplace_back(runClient, server.port(), logins.at(i % logins.size()),
                                         i + (updatesOnly ? run.clients : 0), updatesOnly,
                                         std::ref(ready), std::ref(go), std::ref(stop),
                                         std::ref(totals));
                while (ready < run.clients)
                    std::this_thread::sleep_for(std::chrono::milliseconds(10));
                QElapsedTimer wall;
                const double cpuBefore = cpuSecondsUsed();
                wall.start();
                go = true;
                std::this_thread::sleep_for(std::chrono::seconds(duration));
                stop = true;
                for (std::thread &thread : threads)
                    thread.join();
                const double seconds = double(wall.elapsed()) / 1000.0;
                if (cpu)
                    *cpu = cpuSecondsUsed() - cpuBefore;
                return seconds;
            };
            Totals totals;
            double cpu = 0;
            const double seconds = phase(false, run.seconds, totals, &cpu);
            side->seconds += seconds;
            side->cpuSeconds += cpu;
            std::fprintf(stderr, "  %s: %lld requests in %.1f s = %.0f/s, %.0f us CPU each\n",
                         encrypted ? "encrypted" : "clear",
                         static_cast<long long>(totals.requests.load()), seconds,
                         double(totals.requests) / seconds,
                         totals.requests > 0 ? cpu * 1e6 / double(totals.requests) : 0.0);
            Totals updateTotals;
            side->updateSeconds += phase(true, std::max(1, run.seconds / 3), updateTotals, nullptr);
            server.stop(5000);
            side->requests += totals.requests;
            side->errors += totals.errors;
            side->latenciesUs.insert(side->latenciesUs.end(), totals.latenciesUs.begin(),
                                     totals.latenciesUs.end());
            side->updates += updateTotals.updates;
            side->updateErrors += updateTotals.errors;
            for (const Totals *t : { &totals, &updateTotals })
                for (const auto &entry : t->errorStatuses)
                    std::fprintf(stderr,
                                 "errors with status %d (0: no answer): %d; last body: %s\n",
                                 entry.first, entry.second, t->lastErrorBody.constData());
            if (raw)
                *raw = rawInsertsPerSecond(database,
                                           std::max(rawRows, int(updateTotals.updates.load())));
        }
    }
    {
        Database admin(run.admin);
        QSqlDatabase db = admin.connection(&error);
        QSqlQuery(db).exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
    }
    PiiVault::setClearTextForBenchmark(false);
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.info=false"));
    QCommandLineParser parser;
    const QCommandLineOption clientsOption(QStringLiteral("clients"),
                                           QStringLiteral("concurrent clients"),
                                           QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("duration of each mixed phase"),
                                           QStringLiteral("s"), QStringLiteral("30"));
    const QCommandLineOption customersOption(QStringLiteral("customers"),
                                             QStringLiteral("demo customers"), QStringLiteral("n"),
                                             QStringLiteral("2000"));
    const QCommandLineOption roundsOption(
            QStringLiteral("rounds"),
            QStringLiteral("rounds of (encrypted, clear), alternating which runs first"),
            QStringLiteral("n"), QStringLiteral("2"));
    parser.addOptions({ clientsOption, secondsOption, customersOption, roundsOption });
    parser.process(app);
    Run run;
    run.clients = std::clamp(parser.value(clientsOption).toInt(), 1, 1000);
    run.seconds = std::clamp(parser.value(secondsOption).toInt(), 1, 300);
    run.customers = parser.value(customersOption).toInt();
    const int rounds = std::clamp(parser.value(roundsOption).toInt(), 1, 20);

    run.adminUrl = qEnvironmentVariable("BRANCHLINE_TEST_POSTGRES_URL");
    if (run.adminUrl.isEmpty()) {
        std::fprintf(stderr, "bench_server_load: run it through scripts/with-postgres.sh\n");
        return 2;
    }
    QString error;
    DatabaseUrl::parse(run.adminUrl, &run.admin, &error);
    // The keys kept out of the database, as the server keeps them: a folder of its own.
    QTemporaryDir keyFolder;
    auto ring = std::make_shared<KeyRing>();
    if (!ring->open(keyFolder.filePath(QStringLiteral("keys")), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    KeyRing::install(ring);

    Side encrypted;
    Side clear;
    double raw = 0;
    bool ok = true;
    for (int round = 0; round < rounds && ok; ++round) {
        // E C, then C E: neither side always runs on the warmer machine.
        const bool encryptedFirst = round % 2 == 0;
        for (const bool encryptedSide : { encryptedFirst, !encryptedFirst }) {
            std::fprintf(stderr, "round %d: %s\n", round + 1,
                         encryptedSide ? "encrypted" : "clear");
            const bool last = round == rounds - 1 && encryptedSide != encryptedFirst;
            ok = ok
                    && runSide(run, encryptedSide, encryptedSide ? &encrypted : &clear,
                               last ? &raw : nullptr, 200);
        }
    }
    if (!ok)
        return 1;

    std::printf("| measure | encrypted | clear | encrypted / clear |\n|---|--:|--:|--:|\n");
    std::printf("| clients | %d | %d | |\n", run.clients, run.clients);
    std::printf("| rounds x seconds | %d x %d | %d x %d | |\n", rounds, run.seconds, rounds,
                run.seconds);
    std::printf("| requests | %lld | %lld | |\n", static_cast<long long>(encrypted.requests),
                static_cast<long long>(clear.requests));
    std::printf("| requests/s | %.0f | %.0f | %.3f |\n", encrypted.requestsPerSecond(),
                clear.requestsPerSecond(),
                clear.requestsPerSecond() > 0
                        ? encrypted.requestsPerSecond() / clear.requestsPerSecond()
                        : 0.0);
    const double p50e = encrypted.percentile(0.50);
    const double p50c = clear.percentile(0.50);
    const double p99e = encrypted.percentile(0.99);
    const double p99c = clear.percentile(0.99);
    std::printf("| p50 latency ms | %.2f | %.2f | |\n| p99 latency ms | %.2f | %.2f | |\n", p50e,
                p50c, p99e, p99c);
    const double cpuE =
            encrypted.requests > 0 ? encrypted.cpuSeconds * 1e6 / double(encrypted.requests) : 0;
    const double cpuC = clear.requests > 0 ? clear.cpuSeconds * 1e6 / double(clear.requests) : 0;
    std::printf("| CPU us per request, this process (server and clients) | %.0f | %.0f | %.3f |\n",
                cpuE, cpuC, cpuC > 0 ? cpuE / cpuC : 0.0);
    std::printf("| errors | %lld | %lld | |\n", static_cast<long long>(encrypted.errors),
                static_cast<long long>(clear.errors));
    std::printf("| API updates/s, updates-only phase | %.0f | %.0f | %.3f |\n",
                encrypted.updatesPerSecond(), clear.updatesPerSecond(),
                clear.updatesPerSecond() > 0
                        ? encrypted.updatesPerSecond() / clear.updatesPerSecond()
                        : 0.0);
    std::printf("| updates-only phase: errors | %lld | %lld | |\n",
                static_cast<long long>(encrypted.updateErrors),
                static_cast<long long>(clear.updateErrors));
    std::printf("| raw PostgreSQL inserts/s, one client | %.0f | | |\n", raw);
    std::printf("| ratio API updates (encrypted) / raw inserts | %.2fx | | |\n",
                raw > 0 ? encrypted.updatesPerSecond() / raw : 0.0);
    const qint64 errors =
            encrypted.errors + clear.errors + encrypted.updateErrors + clear.updateErrors;
    return errors == 0 && encrypted.requests > 0 && clear.requests > 0 ? 0 : 1;
}
