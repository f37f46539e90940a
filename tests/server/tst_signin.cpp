// SPDX-License-Identifier: GPL-3.0-or-later
// Users, the password policy, argon2id hashes and sessions: sign-in, lock-out, expiry,
// refresh rotation, sign-out and device revocation, on SQLite and PostgreSQL.
#include "ServerFixture.h"
#include "core/Accounts.h"
#include "core/AuditLog.h"
#include "core/Authenticator.h"
#include "core/PasswordPolicy.h"

#include <QSqlQuery>

using namespace branchline;
using namespace branchline::server;

namespace {
const QString goodPassword = QStringLiteral("Xihu-Longjing-2026");
const QString device = QStringLiteral("device-laptop-1");
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
    void wrongPasswordsLockTheAccount_data() { test::addEngineRows(); }
    void wrongPasswordsLockTheAccount();
    void unknownLoginLooksLikeAWrongPassword_data() { test::addEngineRows(); }
    void unknownLoginLooksLikeAWrongPassword();
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
             Authenticator::Status::Error);
}

void TestSignIn::wrongPasswordsLockTheAccount()
{
    SERVER_FIXTURE(fixture);
    Accounts accounts(fixture.database(), m_hasher);
    addUser(accounts, QStringLiteral("zhao"));
    Authenticator auth(fixture.database(), m_hasher);
    QDateTime clock(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
    auth.setClock([&clock] { return clock; });
    for (int i = 0; i < 4; ++i)
        QCOMPARE(auth.login("zhao", "wrong password", device).status,
                 Authenticator::Status::BadCredentials);
    // The fifth failure locks; then even the right password is refused until the lock ends.
    QCOMPARE(auth.login("zhao", "wrong password", device).status,
             Authenticator::Status::BadCredentials);
    const Authenticator::Grant locked = auth.login("zhao", goodPassword, device);
    QCOMPARE(locked.status, Authenticator::Status::Locked);
    QVERIFY(locked.message.contains("locked until"));
    clock = clock.addSecs(16 * 60);
    QCOMPARE(auth.login("zhao", goodPassword, device).status, Authenticator::Status::Ok);

    QString error;
    QVERIFY(accounts.disableUser("zhao", QString(), &error));
    QCOMPARE(auth.login("zhao", goodPassword, device).status, Authenticator::Status::Disabled);
}

void TestSignIn::unknownLoginLooksLikeAWrongPassword()
{
    SERVER_FIXTURE(fixture);
    Authenticator auth(fixture.database(), m_hasher);
    const Authenticator::Grant grant = auth.login("nobody", "whatever", device);
    QCOMPARE(grant.status, Authenticator::Status::BadCredentials);
    QCOMPARE(grant.message, QStringLiteral("The login name or the password is wrong."));
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
    const Authenticator::Grant laptop = auth.login("sun", goodPassword, "laptop");
    const Authenticator::Grant tablet = auth.login("sun", goodPassword, "tablet");
    QVERIFY(auth.logout(laptop.accessToken));
    QVERIFY(!auth.authenticate(laptop.accessToken));
    QVERIFY(!auth.logout(laptop.accessToken));
    QCOMPARE(auth.refresh(laptop.refreshToken, "laptop").status,
             Authenticator::Status::InvalidToken);
    QVERIFY(auth.authenticate(tablet.accessToken));

    QString error;
    QVERIFY(auth.revokeDevice(user.id, "tablet", QStringLiteral("admin-1"), &error));
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
