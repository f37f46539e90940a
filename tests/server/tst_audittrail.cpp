// SPDX-License-Identifier: GPL-3.0-or-later
// The hash-chained audit trail: appends from two server instances at once, refusal of
// UPDATE and DELETE, and detection of every kind of tampering, on SQLite and PostgreSQL.
#include "ServerFixture.h"
#include "core/AuditLog.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

using namespace branchline::server;

class TestAuditTrail : public QObject
{
    Q_OBJECT

private slots:
    void appendsAndVerifies_data() { test::addEngineRows(); }
    void appendsAndVerifies();
    void refusesUpdatesAndDeletes_data() { test::addEngineRows(); }
    void refusesUpdatesAndDeletes();
    void detectsTampering_data();
    void detectsTampering();
    void twoInstancesAppendConcurrently_data() { test::addEngineRows(); }
    void twoInstancesAppendConcurrently();

private:
    static bool append(Database &database, int i);
};

bool TestAuditTrail::append(Database &database, int i)
{
    QString error;
    const bool ok = database.inTransaction(
            [i](QSqlDatabase &db, QString *txError) {
                return AuditLog::append(db,
                                        { QStringLiteral("user-%1").arg(i % 3),
                                          QStringLiteral("pii.unmask"), QStringLiteral("customers"),
                                          QStringLiteral("c-%1").arg(i),
                                          QStringLiteral("回访核实身份"), QStringLiteral("{}") },
                                        txError);
            },
            &error);
    if (!ok)
        qWarning() << "append failed:" << error;
    return ok;
}

void TestAuditTrail::appendsAndVerifies()
{
    SERVER_FIXTURE(fixture);
    for (int i = 0; i < 20; ++i)
        QVERIFY(append(fixture.database(), i));
    QSqlDatabase db = fixture.database().connection();
    const AuditLog::Verification result = AuditLog::verify(db);
    QVERIFY2(result.intact, qPrintable(result.problem));
    QCOMPARE(result.rows, 20);
    QSqlQuery query(db);
    QVERIFY(query.exec("SELECT reason FROM audit_log WHERE seq = 7"));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("回访核实身份"));
}

void TestAuditTrail::refusesUpdatesAndDeletes()
{
    SERVER_FIXTURE(fixture);
    QVERIFY(append(fixture.database(), 1));
    QSqlDatabase db = fixture.database().connection();
    QSqlQuery query(db);
    QVERIFY(!query.exec("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 1"));
    QVERIFY(query.lastError().text().contains("append-only"));
    QVERIFY(!query.exec("DELETE FROM audit_log"));
    QVERIFY(AuditLog::verify(db).intact);
}

void TestAuditTrail::detectsTampering_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("tamper");
    QTest::addColumn<qint64>("brokenAt");
    QTest::addColumn<QString>("says");
    for (const QString &engine : { QStringLiteral("sqlite"), QStringLiteral("postgres") }) {
        const QByteArray e = engine.toLatin1();
        QTest::newRow(QByteArray(e + " changed reason").constData())
                << engine << "UPDATE audit_log SET reason = 'routine' WHERE seq = 4" << qint64(4)
                << "changed";
        QTest::newRow(QByteArray(e + " changed actor").constData())
                << engine << "UPDATE audit_log SET actor_id = 'user-9' WHERE seq = 2" << qint64(2)
                << "changed";
        QTest::newRow(QByteArray(e + " row removed").constData())
                << engine << "DELETE FROM audit_log WHERE seq = 5" << qint64(5) << "missing";
        QTest::newRow(QByteArray(e + " newest removed").constData())
                << engine << "DELETE FROM audit_log WHERE seq >= 9" << qint64(9) << "removed";
        QTest::newRow(QByteArray(e + " rehashed row").constData())
                << engine << "UPDATE audit_log SET hash = prev_hash WHERE seq = 6" << qint64(6)
                << "changed";
    }
}

void TestAuditTrail::detectsTampering()
{
    QFETCH(QString, tamper);
    QFETCH(qint64, brokenAt);
    QFETCH(QString, says);
    SERVER_FIXTURE(fixture);
    for (int i = 0; i < 10; ++i)
        QVERIFY(append(fixture.database(), i));
    QSqlDatabase db = fixture.database().connection();
    QSqlQuery query(db);
    // An attacker with database access first switches the append-only guard off.
    if (fixture.database().isPostgres()) {
        QVERIFY(query.exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update"));
    } else {
        QVERIFY(query.exec("DROP TRIGGER audit_log_no_update"));
        QVERIFY(query.exec("DROP TRIGGER audit_log_no_delete"));
    }
    QVERIFY2(query.exec(tamper), qPrintable(query.lastError().text()));
    const AuditLog::Verification result = AuditLog::verify(db);
    QVERIFY(!result.intact);
    QCOMPARE(result.firstBrokenSeq, brokenAt);
    QVERIFY2(result.problem.contains(says), qPrintable(result.problem));
}

void TestAuditTrail::twoInstancesAppendConcurrently()
{
    SERVER_FIXTURE(fixture);
    constexpr int perInstance = 40;
    std::atomic<int> failures{ 0 };
    auto worker = [&] {
        // Its own Database, as a second server process would have.
        std::unique_ptr<Database> instance = fixture.secondInstance();
        for (int i = 0; i < perInstance; ++i)
            if (!append(*instance, i))
                ++failures;
    };
    QThread *a = QThread::create(worker);
    QThread *b = QThread::create(worker);
    a->start();
    b->start();
    QVERIFY(a->wait(120000));
    QVERIFY(b->wait(120000));
    delete a;
    delete b;
    QCOMPARE(failures.load(), 0);
    QSqlDatabase db = fixture.database().connection();
    const AuditLog::Verification result = AuditLog::verify(db);
    QVERIFY2(result.intact, qPrintable(result.problem));
    QCOMPARE(result.rows, 2 * perInstance);
}

QTEST_GUILESS_MAIN(TestAuditTrail)
#include "tst_audittrail.moc"
