// SPDX-License-Identifier: GPL-3.0-or-later
// The merchant detail end to end: the real branchline-server process with demo data and real
// client stores (SQLCipher) over loopback, on SQLite and PostgreSQL. Terminals, monthly
// volumes, the KYC checklist and the fee rates reach a rep's computer for the rep's customers
// only; a checklist item handed in offline waits in the outbox and reaches the risk officer
// once the server is back, whose verdict comes back to the rep; and a store whose cursor was
// dropped (what local migration 6 does to a store synced before it) fills in the new columns
// and tables without losing an edit that waits.
#include "LoopbackDevice.h"
#include "SeededServer.h"
#include "repositories/KycChecklistRepository.h"
#include "domain/rules/KycRules.h"

#include <QSqlQuery>
#include <QTest>

using namespace branchline;
using namespace branchline::sync;
using namespace branchline::test;

namespace {

qint64 count(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

QString text(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

} // namespace

class TestMerchantSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void init();
    void cleanup();
    void detailReachesTheRepsComputer();
    void checklistItemHandedInOffline();
    void droppedCursorFillsInTheDetail();

private:
    std::unique_ptr<SeededServer> m_server;
    QString path(const QString &name) const { return m_server->filePath(name); }
};

void TestMerchantSync::initTestCase_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

void TestMerchantSync::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_server = std::make_unique<SeededServer>(engine, 120);
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->failure()));
}

void TestMerchantSync::cleanup()
{
    m_server.reset();
}

void TestMerchantSync::detailReachesTheRepsComputer()
{
    LoopbackDevice rep(path("rep.db"), m_server->url(), QStringLiteral("zj.rep1"));
    LoopbackDevice risk(path("risk.db"), m_server->url(), QStringLiteral("risk"));
    QCOMPARE(rep.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(risk.syncNow(), SyncOutcome::Status::Done);
    const QSqlDatabase db = rep.store.database();

    // The rep's merchants came with their detail, and nothing of anyone else's customers.
    QVERIFY(count(db, "SELECT count(*) FROM terminals") > 0);
    QVERIFY(count(db, "SELECT count(*) FROM merchant_volumes") > 0);
    QVERIFY(count(db, "SELECT count(*) FROM kyc_items") > 0);
    for (const char *table : { "terminals", "merchant_volumes", "kyc_items" })
        QCOMPARE(count(db,
                       QStringLiteral("SELECT count(*) FROM %1 t WHERE NOT EXISTS (SELECT 1 "
                                      "FROM customers c WHERE c.id = t.customer_id)")
                               .arg(QLatin1String(table))),
                 0);
    QVERIFY(count(risk.store.database(), "SELECT count(*) FROM terminals")
            > count(db, "SELECT count(*) FROM terminals"));
    // Merchants have their rates, borrowers do not; an active merchant has its twelve months.
    QCOMPARE(count(db,
                   "SELECT count(*) FROM customers WHERE kind = 'merchant' AND "
                   "fee_rate_debit IS NULL"),
             0);
    QCOMPARE(count(db,
                   "SELECT count(*) FROM customers WHERE kind <> 'merchant' AND "
                   "fee_rate_debit IS NOT NULL"),
             0);
    QVERIFY(count(db,
                  "SELECT max(n) FROM (SELECT count(*) AS n FROM merchant_volumes "
                  "GROUP BY customer_id)")
            == 12);
    // The settlement account arrives masked: the clear value never reaches the store.
    QCOMPARE(count(db,
                   "SELECT count(*) FROM customers WHERE settlement_account IS NOT NULL "
                   "AND settlement_account NOT LIKE '% **** **** %'"),
             0);
    QVERIFY(count(db, "SELECT count(*) FROM customers WHERE settlement_account IS NOT NULL") > 0);
}

void TestMerchantSync::checklistItemHandedInOffline()
{
    LoopbackDevice rep(path("rep.db"), m_server->url(), QStringLiteral("zj.rep1"));
    LoopbackDevice risk(path("risk.db"), m_server->url(), QStringLiteral("risk"));
    QCOMPARE(rep.syncNow(), SyncOutcome::Status::Done);
    const QSqlDatabase db = rep.store.database();
    // A merchant whose business licence nobody has handed in yet.
    const QString customer =
            text(db,
                 "SELECT c.id FROM customers c WHERE c.kind = 'merchant' AND NOT EXISTS (SELECT 1 "
                 "FROM kyc_items k WHERE k.customer_id = c.id AND k.item = 'business_licence') "
                 "ORDER BY c.id LIMIT 1");
    QVERIFY(!customer.isEmpty());
    const QString item = KycRules::itemId(customer, KycItemKind::BusinessLicence);

    // Offline: the move is saved and queued, and a rep's verdict is refused on the spot.
    m_server->kill();
    KycChecklistRepository checklist(db);
    const QString repId = rep.client->userId();
    QVERIFY(!checklist.move(customer, KycItemKind::BusinessLicence, KycItemState::Verified,
                            QString(), Role::SalesRep, repId));
    QCOMPARE(rep.sync->pendingCount(), 0);
    QVERIFY(checklist.move(customer, KycItemKind::BusinessLicence, KycItemState::Submitted,
                           QStringLiteral("营业执照原件已拍照"), Role::SalesRep, repId));
    QVERIFY(rep.sync->isPending(QStringLiteral("kyc_items"), item));
    QVERIFY(rep.syncNow(2) != SyncOutcome::Status::Done);
    QVERIFY(rep.sync->isPending(QStringLiteral("kyc_items"), item));

    // Back online: it reaches the server, then the risk officer, with who handed it in.
    QVERIFY(m_server->start());
    QCOMPARE(rep.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(rep.sync->pendingCount(), 0);
    QCOMPARE(rep.sync->unresolvedConflictCount(), 0);
    QCOMPARE(risk.syncNow(), SyncOutcome::Status::Done);
    const QSqlDatabase riskDb = risk.store.database();
    QCOMPARE(text(riskDb, "SELECT state FROM kyc_items WHERE id = ?", { item }),
             QStringLiteral("submitted"));
    QCOMPARE(text(riskDb, "SELECT updated_by FROM kyc_items WHERE id = ?", { item }), repId);
    QCOMPARE(text(riskDb, "SELECT note FROM kyc_items WHERE id = ?", { item }),
             QStringLiteral("营业执照原件已拍照"));

    // Risk verifies; the verdict comes back to the rep.
    QVERIFY(KycChecklistRepository(riskDb).move(customer, KycItemKind::BusinessLicence,
                                                KycItemState::Verified, QString(),
                                                Role::RiskOfficer, risk.client->userId()));
    QCOMPARE(risk.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(risk.sync->unresolvedConflictCount(), 0);
    QCOMPARE(rep.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(text(db, "SELECT state FROM kyc_items WHERE id = ?", { item }),
             QStringLiteral("verified"));
    QCOMPARE(text(db, "SELECT updated_by FROM kyc_items WHERE id = ?", { item }),
             risk.client->userId());
}

void TestMerchantSync::droppedCursorFillsInTheDetail()
{
    LoopbackDevice rep(path("rep.db"), m_server->url(), QStringLiteral("zj.rep1"));
    QCOMPARE(rep.syncNow(), SyncOutcome::Status::Done);
    const QSqlDatabase db = rep.store.database();
    const qint64 terminals = count(db, "SELECT count(*) FROM terminals");
    const qint64 customers = count(db, "SELECT count(*) FROM customers");
    QVERIFY(terminals > 0);

    // As a store synced before migration 6 looks after it: the columns and tables empty,
    // the cursor gone; and an edit waiting.
    QSqlQuery query(db);
    QVERIFY(query.exec("DELETE FROM terminals"));
    QVERIFY(query.exec("DELETE FROM merchant_volumes"));
    QVERIFY(query.exec("UPDATE customers SET fee_rate_debit = NULL, settlement_account = NULL"));
    QVERIFY(query.exec("DELETE FROM store_meta WHERE key = 'sync.cursor'"));
    const QString id = rep.firstCustomer();
    QVERIFY(edit(rep, id, setNotes, QStringLiteral("迁移时还没发出的备注")));

    QCOMPARE(rep.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(count(db, "SELECT count(*) FROM terminals"), terminals);
    QVERIFY(count(db, "SELECT count(*) FROM merchant_volumes") > 0);
    QCOMPARE(count(db,
                   "SELECT count(*) FROM customers WHERE kind = 'merchant' AND "
                   "fee_rate_debit IS NULL"),
             0);
    QCOMPARE(count(db, "SELECT count(*) FROM customers"), customers);
    QCOMPARE(rep.customer(id).notes, QStringLiteral("迁移时还没发出的备注"));
    QCOMPARE(rep.sync->pendingCount(), 0);
    QCOMPARE(rep.sync->unresolvedConflictCount(), 0);
}

QTEST_GUILESS_MAIN(TestMerchantSync)
#include "tst_merchantsync.moc"
