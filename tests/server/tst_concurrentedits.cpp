// SPDX-License-Identifier: GPL-3.0-or-later
// Writers racing on one row, on SQLite and PostgreSQL, each thread with its own connection
// as the server's request threads have: PATCHes of different fields of one customer and a
// sync push keep every edit, wrong passwords sent at once all count toward the lock-out, and
// a refresh token used twice at once rotates once. Each read-modify-write reads its row
// locked (Database::forUpdate; SQLite's BEGIN IMMEDIATE admits one writer anyway), so none
// writes a stale copy back over another's change.
#include "ServerFixture.h"
#include "core/Accounts.h"
#include "core/AuditLog.h"
#include "core/Authenticator.h"
#include "records/CustomerService.h"
#include "sync/SyncService.h"

#include <QJsonDocument>
#include <QMutex>
#include <QSemaphore>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

#include <functional>
#include <memory>
#include <vector>

using namespace branchline;
using namespace branchline::server;

namespace {

const QString goodPassword = QStringLiteral("Xihu-Longjing-2026");

// Runs every job on a thread of its own, all released at the same moment, and waits for
// them. Jobs report problems through `Problems`, never with QVERIFY (main thread only).
void runTogether(const QList<std::function<void()>> &jobs)
{
    QSemaphore gate;
    std::vector<std::unique_ptr<QThread>> threads;
    for (const std::function<void()> &job : jobs) {
        threads.emplace_back(QThread::create([&gate, job] {
            gate.acquire();
            job();
        }));
        threads.back()->start();
    }
    gate.release(int(jobs.size()));
    for (const std::unique_ptr<QThread> &thread : threads)
        thread->wait();
}

class Problems
{
public:
    void add(const QString &problem)
    {
        QMutexLocker lock(&m_mutex);
        if (m_list.size() < 20)
            m_list << problem;
    }
    QString text() const { return m_list.join(QLatin1Char('\n')); }
    bool isEmpty() const { return m_list.isEmpty(); }

private:
    QMutex m_mutex;
    QStringList m_list;
};

QString valueOf(const QString &field, int round)
{
    return QStringLiteral("%1 第%2轮").arg(field).arg(round);
}

} // namespace

class TestConcurrentEdits : public QObject
{
    Q_OBJECT

private slots:
    void patchesAndPushesKeepEveryField_data() { test::addEngineRows(); }
    void patchesAndPushesKeepEveryField();
    void wrongPasswordsAtOnceAllCount_data() { test::addEngineRows(); }
    void wrongPasswordsAtOnceAllCount();
    void refreshTokenUsedTwiceAtOnceRotatesOnce_data() { test::addEngineRows(); }
    void refreshTokenUsedTwiceAtOnceRotatesOnce();
};

void TestConcurrentEdits::patchesAndPushesKeepEveryField()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    CustomerService customers(fixture.database());
    SyncService sync(fixture.database());
    const CustomerService::Outcome created = customers.create(
            org.rep, QJsonObject{ { "kind", "merchant" }, { "legal_name", valueOf("name", 0) } });
    QCOMPARE(created.status, 201);
    const QString id = created.body.value("id").toString();

    // Four writers PATCH a field each; a fifth pushes the city through sync, as a client
    // would. Each field has one writer, so before each round its writer must find the value
    // of its previous round, and at the end every field holds its last value.
    const int rounds = 40;
    const QStringList patched{ "legal_name", "address", "industry", "notes" };
    const QString pushed = QStringLiteral("city");
    Problems problems;
    auto expect = [&](const QString &field, int round) {
        const CustomerService::Outcome now = customers.get(org.rep, id, {}, {});
        if (now.status != 200)
            problems.add(QStringLiteral("GET answered %1").arg(now.status));
        else if (round > 0 && now.body.value(field).toString() != valueOf(field, round))
            problems.add(
                    QStringLiteral("%1 is \"%2\", its writer last wrote \"%3\"")
                            .arg(field, now.body.value(field).toString(), valueOf(field, round)));
    };
    QList<std::function<void()>> jobs;
    for (const QString &field : patched) {
        jobs << [&, field] {
            for (int round = 1; round <= rounds; ++round) {
                expect(field, round - 1);
                const CustomerService::Outcome outcome =
                        customers.update(org.rep, id, { { field, valueOf(field, round) } });
                if (outcome.status != 200)
                    problems.add(QStringLiteral("PATCH %1 answered %2: %3")
                                         .arg(field)
                                         .arg(outcome.status)
                                         .arg(outcome.body.value("message").toString()));
            }
        };
    }
    jobs << [&] {
        const QString client = QUuid::createUuid().toString(QUuid::WithoutBraces);
        qint64 base = 0; // the city's version as this client last saw it
        for (int round = 1; round <= rounds; ++round) {
            expect(pushed, round - 1);
            sync::Mutation mutation;
            mutation.number = round;
            mutation.table = QStringLiteral("customers");
            mutation.id = id;
            mutation.op = sync::Mutation::Op::Update;
            mutation.fields = { { pushed, valueOf(pushed, round) } };
            mutation.base = { { pushed, base } };
            const RecordOutcome outcome =
                    sync.push(org.rep, sync::PushRequest{ client, { mutation }, 1 }.toJson());
            QString problem;
            const auto response = sync::PushResponse::fromJson(outcome.body, &problem);
            if (outcome.status != 200 || !response || response->results.size() != 1
                || response->results[0].outcome != sync::Outcome::Applied)
                problems.add(
                        QStringLiteral("push %1 answered %2: %3")
                                .arg(round)
                                .arg(outcome.status)
                                .arg(QString::fromUtf8(QJsonDocument(outcome.body)
                                                               .toJson(QJsonDocument::Compact))));
            else
                base = response->results[0].seq;
        }
    };
    runTogether(jobs);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));

    const QJsonObject last = customers.get(org.rep, id, {}, {}).body;
    for (const QString &field : patched + QStringList{ pushed })
        QCOMPARE(last.value(field).toString(), valueOf(field, rounds));
    QSqlDatabase db = fixture.database().connection();
    QVERIFY(AuditLog::verify(db).intact);
}

void TestConcurrentEdits::wrongPasswordsAtOnceAllCount()
{
    SERVER_FIXTURE(fixture);
    PasswordHasher hasher(PasswordHasher::Strength::Minimum);
    Accounts accounts(fixture.database(), hasher);
    UserAccount user;
    user.login = QStringLiteral("wang.li");
    user.displayName = QStringLiteral("王力");
    QStringList policy;
    QString error;
    QVERIFY2(accounts.addUser(user, goodPassword, QString(), &policy, &error), qPrintable(error));

    // As many wrong passwords at once as are free: all of them count (the database adds
    // each, no read-modify-write), so the next attempt, even with the right password from
    // another device, must wait.
    SessionSettings settings;
    settings.freeFailedLogins = 8;
    Authenticator authenticator(fixture.database(), hasher, settings);
    const QDateTime at(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
    authenticator.setClock([at] { return at; });
    Problems problems;
    QList<std::function<void()>> jobs;
    for (int i = 0; i < settings.freeFailedLogins; ++i) {
        jobs << [&, i] {
            const Authenticator::Grant grant = authenticator.login(
                    user.login, QStringLiteral("Wrong-Password-%1").arg(i),
                    QStringLiteral("device-%1").arg(i), QStringLiteral("10.0.0.%1").arg(i));
            if (grant.status != Authenticator::Status::BadCredentials)
                problems.add(QStringLiteral("attempt %1: %2").arg(i).arg(grant.message));
        };
    }
    runTogether(jobs);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
    const Authenticator::Grant next = authenticator.login(
            user.login, goodPassword, QStringLiteral("device-ok"), QStringLiteral("10.0.1.1"));
    QCOMPARE(next.status, Authenticator::Status::Throttled);
    QCOMPARE(next.retryAfterSeconds, 1);
}

void TestConcurrentEdits::refreshTokenUsedTwiceAtOnceRotatesOnce()
{
    SERVER_FIXTURE(fixture);
    PasswordHasher hasher(PasswordHasher::Strength::Minimum);
    Accounts accounts(fixture.database(), hasher);
    UserAccount user;
    user.login = QStringLiteral("wang.li");
    user.displayName = QStringLiteral("王力");
    QStringList policy;
    QString error;
    QVERIFY2(accounts.addUser(user, goodPassword, QString(), &policy, &error), qPrintable(error));
    Authenticator authenticator(fixture.database(), hasher);
    const QString device = QStringLiteral("device-laptop-1");

    // A copied refresh token raced against its owner, many times: one use rotates, the other
    // is refused, and the tokens the winner got work.
    for (int attempt = 0; attempt < 10; ++attempt) {
        const Authenticator::Grant signedIn = authenticator.login(user.login, goodPassword, device);
        QCOMPARE(signedIn.status, Authenticator::Status::Ok);
        Authenticator::Grant grants[2];
        runTogether({ [&] { grants[0] = authenticator.refresh(signedIn.refreshToken, device); },
                      [&] { grants[1] = authenticator.refresh(signedIn.refreshToken, device); } });
        const bool firstWon = grants[0].status == Authenticator::Status::Ok;
        const Authenticator::Grant &winner = firstWon ? grants[0] : grants[1];
        const Authenticator::Grant &loser = firstWon ? grants[1] : grants[0];
        QCOMPARE(winner.status, Authenticator::Status::Ok);
        QCOMPARE(loser.status, Authenticator::Status::InvalidToken);
        QVERIFY(authenticator.authenticate(winner.accessToken).has_value());
    }
}

QTEST_GUILESS_MAIN(TestConcurrentEdits)
#include "tst_concurrentedits.moc"
