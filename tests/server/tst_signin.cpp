// SPDX-License-Identifier: GPL-3.0-or-later
// Users, the password policy, argon2id hashes and sessions: sign-in, growing delays after
// failures (per login, address and device, shared by instances), unknown logins treated as
// wrong passwords, hashing outside any transaction, expiry, refresh rotation, one session
// per device, sign-out and device revocation, on SQLite and PostgreSQL.
#include "ServerFixture.h"
#include "core/Accounts.h"
#include "core/AuditLog.h"
#include "core/Authenticator.h"
#include "core/PasswordPolicy.h"
#include "domain/rules/TextLimits.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <thread>

using namespace branchline;
using namespace branchline::server;

namespace {
const QString goodPassword = QStringLiteral("Xihu-Longjing-2026");
const QString device = QStringLiteral("device-laptop-1");

QDateTime nineOClock()
{
    return QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
}

// The audit entries of one action: actor, entity id and the detail's keys, as one line each.
QStringList auditShapes(Database &database, const QString &action)
{
    QSqlDatabase db = database.connection();
    QSqlQuery query(db);
    query.prepare("SELECT actor_id, entity, entity_id, detail FROM audit_log WHERE action = ? "
                  "ORDER BY seq");
    query.addBindValue(action);
    query.exec();
    QStringList shapes;
    while (query.next())
        shapes << QStringLiteral("actor=%1 entity=%2 id=%3 detail=%4")
                          .arg(query.value(0).toString(), query.value(1).toString(),
                               query.value(2).toString(),
                               QJsonDocument::fromJson(query.value(3).toString().toUtf8())
                                       .object()
                                       .keys()
                                       .join(','));
    return shapes;
}
} // namespace

class TestSignIn : public QObject
{
    Q_OBJECT

private slots:
    void hashesWithArgon2id();
    void passwordPolicy_data();
    void passwordPolicy();

    void signsInAndAuthenticates_data() { test::addEngineRows(); }
    void signsInAndAuthenticates();
    void wrongPasswordsDelayTheNextAttempt_data() { test::addEngineRows(); }
    void wrongPasswordsDelayTheNextAttempt();
    void ownerSignsInWhileAttackerHammers_data() { test::addEngineRows(); }
    void ownerSignsInWhileAttackerHammers();
    void sprayingFromOneAddressIsSlowed_data() { test::addEngineRows(); }
    void sprayingFromOneAddressIsSlowed();
    void unknownLoginLooksLikeAWrongPassword_data() { test::addEngineRows(); }
    void unknownLoginLooksLikeAWrongPassword();
    void wrongLoginsDoNotStallWrites_data() { test::addEngineRows(); }
    void wrongLoginsDoNotStallWrites();
    void refusesBlankAndOversizedFields_data() { test::addEngineRows(); }
    void refusesBlankAndOversizedFields();
    void newSignInEndsTheDevicesOlderSession_data() { test::addEngineRows(); }
    void newSignInEndsTheDevicesOlderSession();
    void accessTokensExpireAndRefreshRotates_data() { test::addEngineRows(); }
    void accessTokensExpireAndRefreshRotates();
    void logoutAndRevocationEndSessions_data() { test::addEngineRows(); }
    void logoutAndRevocationEndSessions();
    void tokensAreStoredOnlyAsHashes_data() { test::addEngineRows(); }
    void tokensAreStoredOnlyAsHashes();
    void duplicateLoginIsRefused_data() { test::addEngineRows(); }
    void duplicateLoginIsRefused();

private:
    PasswordHasher m_hasher{ PasswordHasher::Strength::Minimum };
    UserAccount addUser(Accounts &accounts, const QString &login, Role role = Role::SalesRep);
};

namespace {
using Status = Authenticator::Status;
} // namespace

UserAccount TestSignIn::addUser(Accounts &accounts, const QString &login, Role role)
{
    UserAccount user;
    user.login = login;
    user.displayName = QStringLiteral("王力");
    user.role = role;
    QStringList problems;
    QString error;
    if (!accounts.addUser(user, goodPassword, QString(), &problems, &error))
        qWarning() << "addUser failed:" << error << problems;
    return user;
}

void TestSignIn::hashesWithArgon2id()
{
    const QString hash = m_hasher.hash(QStringLiteral("密码 with ünïcode"));
    QVERIFY(hash.startsWith("$argon2id$"));
    QVERIFY(m_hasher.verify(hash, QStringLiteral("密码 with ünïcode")));
    QVERIFY(!m_hasher.verify(hash, QStringLiteral("密码 with unicode")));
    QVERIFY(!m_hasher.verify(QStringLiteral("not a hash"), QStringLiteral("x")));
    QVERIFY(m_hasher.hash("same") != m_hasher.hash("same")); // salted
    PasswordHasher production;
    QVERIFY(production.needsRehash(hash)); // made with the weaker test settings
    QVERIFY(!m_hasher.needsRehash(hash));
}

void TestSignIn::passwordPolicy_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("problems");
    QTest::newRow("good mix") << "Xihu-Longjing-2026" << 0;
    QTest::newRow("long passphrase") << "west lake tea every morning" << 0;
    QTest::newRow("too short, two kinds") << "abc1" << 2;
    QTest::newRow("too short, four kinds") << "Ab1-" << 1;
    QTest::newRow("one kind only") << "abcdefghijklmn" << 1;
    QTest::newRow("contains login") << "Wang.Li-2026-x" << 1;
    QTest::newRow("common") << "1qaz2wsx3edc" << 2;
}

void TestSignIn::passwordPolicy()
{
    QFETCH(QString, password);
    QFETCH(int, problems);
    const QStringList found = PasswordPolicy::problems(password, QStringLiteral("wang.li"));
    QCOMPARE(found.size(), problems);
    for (const QString &problem : found)
        QVERIFY(!problem.isEmpty());
}

void TestSignIn::signsInAndAuthenticates()
{
    SERVER_FIXTURE(fixture);
    Accounts accounts(fixture.database(), m_hasher);
    const UserAccount user = addUser(accounts, QStringLiteral("Wang.Li"), Role::BranchManager);
    QVERIFY(!user.id.isEmpty());
    Authenticator auth(fixture.database(), m_hasher);
    const Authenticator::Grant grant = auth.login(QStringLiteral("wang.li"), goodPassword, device);
    QCOMPARE(grant.status, Authenticator::Status::Ok);
    QCOMPARE(grant.accessToken.size(), 43); // 256 bits, base64url
    QVERIFY(grant.accessToken != grant.refreshToken);
    const std::optional<Caller> caller = auth.authenticate(grant.accessToken);
    QVERIFY(caller);
    QCOMPARE(caller->userId, user.id);
    QCOMPARE(caller->role, Role::BranchManager);
    QCOMPARE(caller->deviceId, device);
    QVERIFY(!auth.authenticate(grant.refreshToken)); // a refresh token is not an access token
    QVERIFY(!auth.authenticate(QStringLiteral("forged-token")));
    QCOMPARE(auth.login(QStringLiteral("wang.li"), goodPassword, QString()).status,
             Authenticator::Status::InvalidRequest);
}

void TestSignIn::wrongPasswordsDelayTheNextAttempt()
{
    SERVER_FIXTURE(fixture);
    Accounts accounts(fixture.database(), m_hasher);
    addUser(accounts, QStringLiteral("zhao"));
    Authenticator auth(fixture.database(), m_hasher); // 5 free, then 1 s, 2 s, 4 s ...
    QDateTime clock = nineOClock();
    auth.setClock([&clock] { return clock; });
    const QString address = QStringLiteral("203.0.113.7");
    for (int i = 0; i < 5; ++i)
        QCOMPARE(auth.login("zhao", "wrong password", device, address).status,
                 Status::BadCredentials);
    // Inside the wait even the right password is answered without a hash.
    const quint64 hashes = m_hasher.verifications();
    Authenticator::Grant held = auth.login("zhao", goodPassword, device, address);
    QCOMPARE(held.status, Status::Throttled);
    QCOMPARE(held.retryAfterSeconds, 1);
    QVERIFY2(held.message.contains("Try again in"), qPrintable(held.message));
    QCOMPARE(m_hasher.verifications(), hashes);
    // Each further failure doubles the wait.
    for (int wait : { 1, 2, 4, 8 }) {
        clock = clock.addSecs(wait);
        QCOMPARE(auth.login("zhao", "wrong again", device, address).status, Status::BadCredentials);
        held = auth.login("zhao", goodPassword, device, address);
        QCOMPARE(held.status, Status::Throttled);
        QCOMPARE(held.retryAfterSeconds, wait * 2);
    }
    clock = clock.addSecs(16);
    QCOMPARE(auth.login("zhao", goodPassword, device, address).status, Status::Ok);

    // No more than the longest wait (lockout_minutes), however many failures.
    SessionSettings shortWaits;
    shortWaits.maxDelaySeconds = 3;
    Authenticator capped(fixture.database(), m_hasher, shortWaits);
    capped.setClock([&clock] { return clock; });
    for (int i = 0; i < 9; ++i) {
        clock = clock.addSecs(5);
        QCOMPARE(capped.login("zhao", "wrong", "tablet", address).status, Status::BadCredentials);
    }
    QCOMPARE(capped.login("zhao", "wrong", "tablet", address).retryAfterSeconds, 3);

    QString error;
    clock = clock.addSecs(3600);
    QVERIFY(accounts.disableUser("zhao", QString(), &error));
    QCOMPARE(auth.login("zhao", goodPassword, device, address).status, Status::Disabled);
}

void TestSignIn::ownerSignsInWhileAttackerHammers()
{
    SERVER_FIXTURE(fixture);
    Accounts accounts(fixture.database(), m_hasher);
    addUser(accounts, QStringLiteral("admin"), Role::Admin);
    Authenticator auth(fixture.database(), m_hasher);
    QDateTime clock = nineOClock();
    auth.setClock([&clock] { return clock; });
    const QString office = QStringLiteral("198.51.100.10");
    QCOMPARE(auth.login("admin", goodPassword, "admin-laptop", office).status, Status::Ok);

    // Someone elsewhere tries twenty passwords, from as many addresses and made-up devices,
    // each attempt as soon as its wait allows.
    int failures = 0;
    int held = 0;
    for (int i = 0; failures < 20; ++i) {
        const Authenticator::Grant grant =
                auth.login("admin", QStringLiteral("guess-%1").arg(i),
                           QStringLiteral("bot-%1").arg(i), QStringLiteral("192.0.2.%1").arg(i));
        if (grant.status == Status::Throttled) {
            ++held;
            clock = clock.addSecs(grant.retryAfterSeconds);
        } else {
            QCOMPARE(grant.status, Status::BadCredentials);
            ++failures;
        }
    }
    QCOMPARE(held, 15); // after the five free ones, each failure made the next one wait
    // A device that never signed in is held by the account-wide wait, right password or not.
    const Authenticator::Grant stranger = auth.login("admin", goodPassword, "new-phone", office);
    QCOMPARE(stranger.status, Status::Throttled);
    QVERIFY(stranger.retryAfterSeconds > 60);
    // The owner's own laptop is not, from the office or from anywhere else.
    QCOMPARE(auth.login("admin", goodPassword, "admin-laptop", office).status, Status::Ok);
    QCOMPARE(auth.login("admin", goodPassword, "admin-laptop", "203.0.113.99").status, Status::Ok);
    // ...but a thief with a copy of its device id still meets that device's own counter.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(auth.login("admin", "guess", "admin-laptop", QStringLiteral("192.0.2.200")).status,
                 Status::BadCredentials);
    QCOMPARE(auth.login("admin", "guess", "admin-laptop", "192.0.2.201").status, Status::Throttled);
}

void TestSignIn::sprayingFromOneAddressIsSlowed()
{
    SERVER_FIXTURE(fixture);
    Accounts accounts(fixture.database(), m_hasher);
    for (int i = 0; i < 10; ++i)
        addUser(accounts, QStringLiteral("rep%1").arg(i));
    Authenticator auth(fixture.database(), m_hasher);
    QDateTime clock = nineOClock();
    auth.setClock([&clock] { return clock; });
    // A few passwords for each of many logins, known or not, from one address: every login
    // stays under its own free attempts, but the address runs out after 4 x 5.
    const QString sprayer = QStringLiteral("203.0.113.66");
    int failures = 0;
    Authenticator::Grant grant;
    for (int round = 0; round < 4 && grant.status != Status::Throttled; ++round) {
        for (int i = 0; i < 10 && grant.status != Status::Throttled; ++i) {
            grant = auth.login(QStringLiteral("rep%1").arg(i),
                               QStringLiteral("Spring-2026-%1").arg(round), "sprayer", sprayer);
            failures += grant.status == Status::BadCredentials;
        }
    }
    QCOMPARE(failures, 20);
    QCOMPARE(grant.status, Status::Throttled);
    QCOMPARE(auth.login("nobody-at-all", "x", "sprayer", sprayer).status, Status::Throttled);
    // Other addresses are not held by it, and neither are the logins it tried (3 failures
    // each at most, on this instance or on another one sharing the database).
    std::unique_ptr<Database> second = fixture.secondInstance();
    Authenticator other(*second, m_hasher);
    other.setClock([&clock] { return clock; });
    QCOMPARE(other.login("rep0", goodPassword, "rep0-laptop", "198.51.100.1").status, Status::Ok);
    QCOMPARE(other.login("rep9", "x", "sprayer", sprayer).status, Status::Throttled);
    clock = clock.addSecs(1);
    QCOMPARE(other.login("rep9", "x", "sprayer", sprayer).status, Status::BadCredentials);
    QCOMPARE(other.login("rep9", "x", "sprayer", sprayer).retryAfterSeconds, 2);
    // Counters an hour old are forgotten and their rows deleted.
    clock = clock.addSecs(2 * 3600);
    QCOMPARE(auth.login("rep1", "x", "sprayer", sprayer).status, Status::BadCredentials);
    QSqlDatabase db = fixture.database().connection();
    QSqlQuery query(db);
    QVERIFY(query.exec("SELECT COUNT(*), MAX(failures) FROM login_throttle"));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 4); // the four counters of that last attempt
    QCOMPARE(query.value(1).toInt(), 1);
}

void TestSignIn::unknownLoginLooksLikeAWrongPassword()
{
    SERVER_FIXTURE(fixture);
    Accounts accounts(fixture.database(), m_hasher);
    addUser(accounts, QStringLiteral("known"));
    Authenticator auth(fixture.database(), m_hasher);
    quint64 hashes = m_hasher.verifications();
    const Authenticator::Grant unknown = auth.login("nobody", "whatever", device, "192.0.2.1");
    QCOMPARE(m_hasher.verifications(), hashes + 1); // the decoy
    hashes = m_hasher.verifications();
    const Authenticator::Grant wrong = auth.login("known", "whatever", device, "192.0.2.1");
    QCOMPARE(m_hasher.verifications(), hashes + 1);
    QCOMPARE(unknown.status, Status::BadCredentials);
    QCOMPARE(wrong.status, Status::BadCredentials);
    QCOMPARE(unknown.message, QStringLiteral("The login name or the password is wrong."));
    QCOMPARE(wrong.message, unknown.message);
    // The audit trail records both alike: no user id for a known login either.
    const QStringList shapes = auditShapes(fixture.database(), "login_failed");
    QCOMPARE(shapes.size(), 2);
    QCOMPARE(shapes.at(0), shapes.at(1));
    QCOMPARE(shapes.at(0),
             QStringLiteral("actor= entity=users id= detail=address,device_id,login"));
    // And the same counters: an unknown login is held back like a known one.
    for (int i = 0; i < 4; ++i) {
        auth.login("nobody", "whatever", device, QStringLiteral("192.0.2.%1").arg(10 + i));
        auth.login("known", "whatever", device, QStringLiteral("192.0.2.%1").arg(10 + i));
    }
    const Authenticator::Grant unknownHeld = auth.login("nobody", "x", "other", "192.0.2.99");
    const Authenticator::Grant knownHeld = auth.login("known", "x", "other", "192.0.2.99");
    QCOMPARE(unknownHeld.status, Status::Throttled);
    QCOMPARE(knownHeld.status, Status::Throttled);
    QCOMPARE(unknownHeld.message, knownHeld.message);
}

void TestSignIn::wrongLoginsDoNotStallWrites()
{
    SERVER_FIXTURE(fixture);
    // The production hash (64 MiB, 2 passes): what made the stall long.
    PasswordHasher hasher;
    Accounts accounts(fixture.database(), hasher);
    UserAccount user;
    user.login = QStringLiteral("wang.li");
    user.displayName = QStringLiteral("王力");
    QStringList problems;
    QString error;
    QVERIFY2(accounts.addUser(user, goodPassword, QString(), &problems, &error), qPrintable(error));
    // What one hash takes here, alone: the median of three.
    const QString sample = hasher.hash(goodPassword);
    QElapsedTimer timer;
    QList<qint64> alone;
    for (int i = 0; i < 3; ++i) {
        timer.start();
        hasher.verify(sample, QStringLiteral("wrong"));
        alone << timer.elapsed();
    }
    std::sort(alone.begin(), alone.end());
    const qint64 hashMs = std::max<qint64>(1, alone.at(1));

    // Six threads of wrong passwords for this user, each from its own address, while this
    // thread writes to the user's row and the audit trail (what the sign-in held locked).
    // Enough free attempts that every one of them is hashed.
    SessionSettings settings;
    settings.freeFailedLogins = 50;
    Authenticator auth(fixture.database(), hasher, settings);
    std::atomic<int> running{ 6 };
    QMutex mutex;
    QStringList outcomes;
    std::vector<std::thread> attackers;
    for (int t = 0; t < 6; ++t) {
        attackers.emplace_back([&, t] {
            for (int i = 0; i < 3; ++i) {
                const Authenticator::Grant grant = auth.login(
                        user.login, QStringLiteral("guess-%1-%2").arg(t).arg(i),
                        QStringLiteral("bot-%1").arg(t), QStringLiteral("192.0.2.%1").arg(t));
                QMutexLocker lock(&mutex);
                if (grant.status != Status::BadCredentials)
                    outcomes << grant.message;
            }
            --running;
        });
    }
    QList<qint64> waits;
    int writes = 0;
    QThread::msleep(50); // the first hashes are under way
    while (running > 0) {
        timer.restart();
        const bool written = fixture.database().inTransaction(
                [&](QSqlDatabase &db, QString *txError) {
                    QSqlQuery query(db);
                    query.prepare("UPDATE users SET display_name = ? WHERE id = ?");
                    query.addBindValue(QStringLiteral("王力 %1").arg(writes));
                    query.addBindValue(user.id);
                    if (!query.exec()) {
                        *txError = query.lastError().text();
                        return false;
                    }
                    return AuditLog::append(
                            db,
                            { QString(), "user.rename", "users", user.id, QString(), QString() },
                            txError);
                },
                &error);
        QVERIFY2(written, qPrintable(error));
        waits << timer.elapsed();
        ++writes;
        QThread::msleep(10);
    }
    for (std::thread &attacker : attackers)
        attacker.join();
    std::sort(waits.begin(), waits.end());
    const qint64 slowest = waits.isEmpty() ? 0 : waits.last();
    const qint64 p90 = waits.isEmpty() ? 0 : waits.at(waits.size() * 9 / 10);
    qInfo("one hash alone: %lld ms; of %d writes during 18 wrong sign-ins: 90th percentile "
          "%lld ms, slowest %lld ms",
          hashMs, writes, p90, slowest);
    QVERIFY2(outcomes.isEmpty(), qPrintable(outcomes.join('\n'))); // no errors, no 500s
    QVERIFY(writes >= 3);
    // Had the hash run inside the sign-in's transaction, most writes would have waited for
    // at least one whole hash, and some for several (six sign-ins queue for the lock): the
    // review saw 10 s. A busy test machine may hold one write up for a scheduler slice, so
    // the bound is on nine writes in ten, and the slowest may not reach the hashes queued.
    QVERIFY2(p90 < hashMs / 2, qPrintable(QStringLiteral("%1 ms").arg(p90)));
    QVERIFY2(slowest < 3 * hashMs, qPrintable(QStringLiteral("%1 ms").arg(slowest)));
}

void TestSignIn::refusesBlankAndOversizedFields()
{
    SERVER_FIXTURE(fixture);
    Authenticator auth(fixture.database(), m_hasher);
    const quint64 hashes = m_hasher.verifications();
    const auto refusal = [&](const QString &login, const QString &password, const QString &id) {
        const Authenticator::Grant grant = auth.login(login, password, id, "192.0.2.1");
        return grant.status == Status::InvalidRequest ? grant.message
                                                      : QStringLiteral("not refused");
    };
    QVERIFY(refusal("li", "x", QString()).contains("\"device_id\""));
    QVERIFY(refusal("li", "x", "   ").contains("\"device_id\""));
    QVERIFY(refusal("li", "x", QString(TextLimits::deviceId + 1, 'd')).contains("\"device_id\""));
    QVERIFY(refusal(QString(TextLimits::login + 1, 'l'), "x", device).contains("\"login\""));
    QVERIFY(refusal("li", QString(TextLimits::password + 1, 'p'), device).contains("\"password\""));
    QCOMPARE(m_hasher.verifications(), hashes); // refused before any hash
    // At the limits they are accepted (and are only wrong).
    QCOMPARE(auth.login(QString(TextLimits::login, 'l'), QString(TextLimits::password, 'p'),
                        QString(TextLimits::deviceId, 'd'), "192.0.2.1")
                     .status,
             Status::BadCredentials);
    QCOMPARE(auditShapes(fixture.database(), "login_failed").size(), 1);
}

void TestSignIn::newSignInEndsTheDevicesOlderSession()
{
    SERVER_FIXTURE(fixture);
    Accounts accounts(fixture.database(), m_hasher);
    addUser(accounts, "sun");
    addUser(accounts, "qian");
    Authenticator auth(fixture.database(), m_hasher);
    QStringList ended;
    auth.setSessionsEnded([&ended](const QStringList &ids) { ended << ids; });
    const Authenticator::Grant first = auth.login("sun", goodPassword, "laptop");
    const Authenticator::Grant tablet = auth.login("sun", goodPassword, "tablet");
    const Authenticator::Grant colleague = auth.login("qian", goodPassword, "laptop");
    QVERIFY(ended.isEmpty()); // other devices, other users: nothing ends
    const std::optional<Caller> before = auth.authenticate(first.accessToken);
    QVERIFY(before);
    const Authenticator::Grant second = auth.login("sun", goodPassword, "laptop");
    QCOMPARE(second.status, Status::Ok);
    QCOMPARE(ended, QStringList{ before->sessionId });
    QVERIFY(!auth.authenticate(first.accessToken));
    QVERIFY(!auth.isSessionActive(before->sessionId));
    QCOMPARE(auth.refresh(first.refreshToken, "laptop").status, Status::InvalidToken);
    QVERIFY(auth.authenticate(second.accessToken));
    QVERIFY(auth.authenticate(tablet.accessToken));
    QVERIFY(auth.authenticate(colleague.accessToken));
}

void TestSignIn::accessTokensExpireAndRefreshRotates()
{
    SERVER_FIXTURE(fixture);
    Accounts accounts(fixture.database(), m_hasher);
    addUser(accounts, "li");
    Authenticator auth(fixture.database(), m_hasher);
    QDateTime clock(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
    auth.setClock([&clock] { return clock; });
    const Authenticator::Grant first = auth.login("li", goodPassword, device);
    QVERIFY(auth.authenticate(first.accessToken));
    clock = clock.addSecs(16 * 60);
    QVERIFY(!auth.authenticate(first.accessToken)); // 15 minutes are over

    QCOMPARE(auth.refresh(first.refreshToken, "another-device").status,
             Authenticator::Status::InvalidToken); // bound to its device
    const Authenticator::Grant second = auth.refresh(first.refreshToken, device);
    QCOMPARE(second.status, Authenticator::Status::Ok);
    QVERIFY(auth.authenticate(second.accessToken));
    QCOMPARE(auth.refresh(first.refreshToken, device).status,
             Authenticator::Status::InvalidToken); // rotated: the old one is spent

    clock = clock.addDays(31);
    QCOMPARE(auth.refresh(second.refreshToken, device).status, Authenticator::Status::InvalidToken);
}

void TestSignIn::logoutAndRevocationEndSessions()
{
    SERVER_FIXTURE(fixture);
    Accounts accounts(fixture.database(), m_hasher);
    const UserAccount user = addUser(accounts, "sun");
    Authenticator auth(fixture.database(), m_hasher);
    QStringList ended;
    auth.setSessionsEnded([&ended](const QStringList &ids) { ended << ids; });
    accounts.setSessionsEnded([&ended](const QStringList &ids) { ended << ids; });
    const Authenticator::Grant laptop = auth.login("sun", goodPassword, "laptop");
    const Authenticator::Grant tablet = auth.login("sun", goodPassword, "tablet");
    const QString laptopSession = auth.authenticate(laptop.accessToken)->sessionId;
    const QString tabletSession = auth.authenticate(tablet.accessToken)->sessionId;
    QVERIFY(auth.isSessionActive(laptopSession));
    QVERIFY(auth.logout(laptop.accessToken));
    QCOMPARE(ended, QStringList{ laptopSession });
    QVERIFY(!auth.isSessionActive(laptopSession));
    QVERIFY(!auth.authenticate(laptop.accessToken));
    QVERIFY(!auth.logout(laptop.accessToken));
    QCOMPARE(auth.refresh(laptop.refreshToken, "laptop").status,
             Authenticator::Status::InvalidToken);
    QVERIFY(auth.authenticate(tablet.accessToken));

    QString error;
    QVERIFY(auth.revokeDevice(user.id, "tablet", QStringLiteral("admin-1"), &error));
    QCOMPARE(ended, (QStringList{ laptopSession, tabletSession }));
    QVERIFY(!auth.authenticate(tablet.accessToken));
    QCOMPARE(auth.refresh(tablet.refreshToken, "tablet").status,
             Authenticator::Status::InvalidToken);

    // Each step left an audit entry, and the chain holds.
    QSqlDatabase db = fixture.database().connection();
    QSqlQuery query(db);
    QVERIFY(query.exec("SELECT action FROM audit_log ORDER BY seq"));
    QStringList actions;
    while (query.next())
        actions << query.value(0).toString();
    QCOMPARE(actions, (QStringList{ "user.create", "login", "login", "logout", "session.revoke" }));
    QVERIFY(AuditLog::verify(db).intact);

    // Disabling the user ends the sessions left, and says which.
    const Authenticator::Grant phone = auth.login("sun", goodPassword, "phone");
    const QString phoneSession = auth.authenticate(phone.accessToken)->sessionId;
    QVERIFY(accounts.disableUser("sun", QStringLiteral("admin-1"), &error));
    QCOMPARE(ended.last(), phoneSession);
    QVERIFY(!auth.isSessionActive(phoneSession));
}

void TestSignIn::tokensAreStoredOnlyAsHashes()
{
    SERVER_FIXTURE(fixture);
    Accounts accounts(fixture.database(), m_hasher);
    addUser(accounts, "qian");
    Authenticator auth(fixture.database(), m_hasher);
    const Authenticator::Grant grant = auth.login("qian", goodPassword, device);
    QSqlDatabase db = fixture.database().connection();
    QSqlQuery query(db);
    QVERIFY(query.exec("SELECT access_hash, refresh_hash FROM sessions"));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), Authenticator::tokenHash(grant.accessToken));
    QVERIFY(query.value(0).toString() != grant.accessToken);
    QVERIFY(query.value(1).toString() != grant.refreshToken);
    QVERIFY(query.exec("SELECT password_hash FROM users"));
    QVERIFY(query.next());
    QVERIFY(query.value(0).toString().startsWith("$argon2id$"));
}

void TestSignIn::duplicateLoginIsRefused()
{
    SERVER_FIXTURE(fixture);
    Accounts accounts(fixture.database(), m_hasher);
    addUser(accounts, "zhou");
    UserAccount again;
    again.login = " ZHOU ";
    again.displayName = "周";
    QStringList problems;
    QString error;
    QVERIFY(!accounts.addUser(again, goodPassword, QString(), &problems, &error));
    QVERIFY2(error.contains("could not be added"), qPrintable(error));
    QCOMPARE(accounts.users(&error).size(), 1);
}

QTEST_GUILESS_MAIN(TestSignIn)
#include "tst_signin.moc"
