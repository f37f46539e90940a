// SPDX-License-Identifier: GPL-3.0-or-later
// The merchant detail on the client: fee rates as percentages (never floats), the KYC
// checklist's rules and its repository (moves as the role may make them, through the outbox),
// the read-only terminals and monthly volumes, and their item models under
// QAbstractItemModelTester.
#include "DemoMerchant.h"
#include "StoreFixture.h"
#include "itemmodels/KycChecklistModel.h"
#include "itemmodels/MerchantVolumeModel.h"
#include "itemmodels/TerminalListModel.h"
#include "domain/records/MerchantEnums.h"
#include "repositories/CustomerRepository.h"
#include "repositories/KycChecklistRepository.h"
#include "repositories/MerchantFeedRepository.h"
#include "repositories/Outbox.h"
#include "domain/rules/FeeRate.h"
#include "domain/rules/KycRules.h"
#include "domain/rules/MccCatalog.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace branchline;
using namespace branchline::test;

namespace {

struct OutboxRow
{
    QString op;
    QJsonObject fields;
};

QList<OutboxRow> outbox(const QSqlDatabase &db, const QString &recordId)
{
    QSqlQuery query(db);
    query.prepare("SELECT op, fields FROM outbox WHERE table_name = 'kyc_items' AND "
                  "record_id = ? ORDER BY mutation");
    query.addBindValue(recordId);
    QList<OutboxRow> rows;
    if (query.exec())
        while (query.next())
            rows << OutboxRow{
                query.value(0).toString(),
                QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object()
            };
    return rows;
}

} // namespace

class TestMerchantModels : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void feeRatesReadAsPercentages_data();
    void feeRatesReadAsPercentages();
    void checklistRules();
    void mccDescriptions();
    void customerCarriesItsTerms();
    void terminalsAndMonths();
    void checklistMovesThroughTheOutbox();
    void modelsPassTheTester();

private:
    std::unique_ptr<StoreFixture> m_fixture;
    DemoBook m_book;
    DemoMerchantDetail m_detail;
};

void TestMerchantModels::init()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_fixture = std::make_unique<StoreFixture>();
    QVERIFY(m_fixture->isOpen());
    m_book = seedDemoBook(m_fixture->db(), 20);
    m_detail = seedMerchantDetail(m_fixture->db(), m_book);
    QVERIFY(!m_detail.onboardingMerchant.isEmpty());
    QVERIFY(confirmAllEdits(m_fixture->db()));
}

void TestMerchantModels::cleanup()
{
    m_fixture.reset();
    QLocale::setDefault(QLocale::c());
}

void TestMerchantModels::feeRatesReadAsPercentages_data()
{
    QTest::addColumn<qint64>("millionths");
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("text");
    const QLocale en(QLocale::English, QLocale::UnitedStates);
    const QLocale zh(QLocale::Chinese, QLocale::China);
    const QLocale de(QLocale::German, QLocale::Germany);
    QTest::newRow("debit") << qint64(3800) << en << "0.38%";
    QTest::newRow("credit") << qint64(6000) << en << "0.60%";
    QTest::newRow("four decimals") << qint64(3850) << en << "0.385%";
    QTest::newRow("finest") << qint64(1) << en << "0.0001%";
    QTest::newRow("none") << qint64(0) << en << "0.00%";
    QTest::newRow("whole") << qint64(1250000) << en << "125.00%";
    QTest::newRow("chinese") << qint64(3800) << zh << "0.38%";
    // The locale's own decimal point and percent sign.
    QTest::newRow("decimal comma")
            << qint64(6000) << de << QString("0" + de.decimalPoint() + "60" + de.percent());
}

void TestMerchantModels::feeRatesReadAsPercentages()
{
    QFETCH(qint64, millionths);
    QFETCH(QLocale, locale);
    QFETCH(QString, text);
    QCOMPARE(FeeRate::format(millionths, locale), text);
}

void TestMerchantModels::checklistRules()
{
    QCOMPARE(KycRules::requiredItems(CustomerKind::Merchant).size(), 6);
    QVERIFY(!KycRules::requiredItems(CustomerKind::Corporate)
                     .contains(KycItemKind::SettlementAccountProof));
    QCOMPARE(KycRules::requiredItems(CustomerKind::Individual),
             (QList<KycItemKind>{ KycItemKind::LegalRepId, KycItemKind::SanctionsScreening }));
    QVERIFY(KycRules::label(KycItemKind::LegalRepId, CustomerKind::Individual)
            != KycRules::label(KycItemKind::LegalRepId, CustomerKind::Merchant));

    using S = KycItemState;
    // The rep hands in, again after a rejection, and may correct a submitted item's note.
    QVERIFY(!KycRules::refuseChange(Role::SalesRep, S::Missing, S::Submitted));
    QVERIFY(!KycRules::refuseChange(Role::SalesRep, S::Rejected, S::Submitted));
    QVERIFY(!KycRules::refuseChange(Role::SalesRep, S::Submitted, S::Submitted));
    QVERIFY(KycRules::refuseChange(Role::SalesRep, S::Verified, S::Submitted));
    QVERIFY(KycRules::refuseChange(Role::SalesRep, S::Submitted, S::Verified));
    QVERIFY(KycRules::refuseChange(Role::SalesRep, S::Submitted, S::Rejected));
    // Risk decides, from any state; nobody goes back to missing; managers and admins read.
    for (const S from : MerchantEnums::all<S>()) {
        QVERIFY(!KycRules::refuseChange(Role::RiskOfficer, from, S::Verified));
        QVERIFY(!KycRules::refuseChange(Role::RiskOfficer, from, S::Rejected));
        QVERIFY(KycRules::refuseChange(Role::RiskOfficer, from, S::Submitted));
        QVERIFY(KycRules::refuseChange(Role::BranchManager, from, S::Submitted));
        QVERIFY(KycRules::refuseChange(Role::Admin, from, S::Verified));
        if (from != S::Missing)
            QVERIFY(KycRules::refuseChange(Role::RiskOfficer, from, S::Missing));
    }
    QVERIFY(KycRules::mayMarkSubmitted(Role::SalesRep, S::Missing));
    QVERIFY(!KycRules::mayMarkSubmitted(Role::SalesRep, S::Submitted));
    QVERIFY(!KycRules::mayMarkSubmitted(Role::RiskOfficer, S::Missing));
    QVERIFY(KycRules::mayReview(Role::RiskOfficer));
    QVERIFY(!KycRules::mayReview(Role::SalesRep));

    // Ids follow from customer and item, the same on every device.
    const QString id = KycRules::itemId("c-1", KycItemKind::SiteVisit);
    QCOMPARE(KycRules::itemId("c-1", KycItemKind::SiteVisit), id);
    QVERIFY(KycRules::itemId("c-1", KycItemKind::BusinessLicence) != id);
    QVERIFY(KycRules::itemId("c-2", KycItemKind::SiteVisit) != id);
    QVERIFY(!QUuid::fromString(id).isNull());
    QVERIFY(KycRules::volumeId("c-1", "2026-01") != KycRules::volumeId("c-1", "2026-02"));
}

void TestMerchantModels::mccDescriptions()
{
    QCOMPARE(MccCatalog::description("5812"), QStringLiteral("Restaurants"));
    QCOMPARE(MccCatalog::description(" 5499 "), QStringLiteral("Specialty food stores"));
    QVERIFY(MccCatalog::description("0000").isEmpty());
    QVERIFY(MccCatalog::description(QString()).isEmpty());
}

void TestMerchantModels::customerCarriesItsTerms()
{
    CustomerRepository customers(m_fixture->db());
    std::optional<Customer> tea = customers.find(m_book.teaMerchant);
    QVERIFY(tea);
    QCOMPARE(tea->feeRateDebit, std::optional<qint64>(3800));
    QCOMPARE(tea->feeRateQr, std::optional<qint64>(3000));
    QVERIFY(!tea->creditLimitFen);
    QCOMPARE(tea->settlementAccount, m_detail.maskedAccount);
    QCOMPARE(customers.find(m_book.borrower)->creditLimitFen, std::optional<qint64>(20000000));

    // An edit of the customer never sends them: they change only on the server.
    tea->notes = QStringLiteral("费率到期前回访");
    QVERIFY(customers.update(*tea));
    QSqlQuery query(m_fixture->db());
    QVERIFY(query.exec("SELECT fields FROM outbox WHERE table_name = 'customers'") && query.next());
    const QJsonObject fields = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
    QCOMPARE(fields.keys(), QStringList{ "notes" });
}

void TestMerchantModels::terminalsAndMonths()
{
    QVERIFY(addTerminal(m_fixture->db(), m_book.teaMerchant, "PX0000000009", "inactive"));
    MerchantFeedRepository feed(m_fixture->db());
    const QList<Terminal> terminals = feed.terminals(m_book.teaMerchant);
    QStringList serials;
    for (const Terminal &terminal : terminals)
        serials << terminal.serial;
    // In use first, then the faulty one that needs a visit, then the idle ones.
    QCOMPARE(serials,
             (QStringList{ m_detail.teaTerminals[0], m_detail.teaTerminals[1],
                           m_detail.teaTerminals[2], "PX0000000009" }));
    QCOMPARE(terminals[2].status, TerminalStatus::Faulty);
    QCOMPARE(terminals[1].kind, TerminalKind::QrStand);
    QCOMPARE(terminals[0].installedAt, QDate(2023, 3, 18));
    QVERIFY(feed.terminals(m_book.borrower).isEmpty());

    // Two older months: only the last twelve, oldest first.
    QVERIFY(addMonth(m_fixture->db(), m_book.teaMerchant, "2001-01", 1, 1));
    QVERIFY(addMonth(m_fixture->db(), m_book.teaMerchant, "2001-02", 1, 1));
    const QList<MerchantVolume> months = feed.lastMonths(m_book.teaMerchant, 12);
    QCOMPARE(months.size(), 12);
    QVERIFY(months.first().month < months.last().month);
    QCOMPARE(months.last().month, QDate::currentDate().addMonths(-1).toString("yyyy-MM"));
    QVERIFY(months.first().month != "2001-02");
}

void TestMerchantModels::checklistMovesThroughTheOutbox()
{
    const QSqlDatabase db = m_fixture->db();
    KycChecklistRepository checklist(db);
    const QString merchant = m_detail.onboardingMerchant;
    QList<KycItem> items = checklist.checklist(merchant, CustomerKind::Merchant);
    QCOMPARE(items.size(), 6);
    QCOMPARE(items[0].state, KycItemState::Verified);
    QCOMPARE(items[1].state, KycItemState::Submitted);
    QCOMPARE(items[2].state, KycItemState::Missing);
    QVERIFY(items[2].meta.id.isEmpty()); // missing: no row yet

    // A rep hands the site visit in: a new row with the id every device would give it.
    const QString visit = KycRules::itemId(merchant, KycItemKind::SiteVisit);
    QVERIFY(checklist.move(merchant, KycItemKind::SiteVisit, KycItemState::Submitted,
                           QStringLiteral("已上门拍摄门头照片"), Role::SalesRep, m_book.repWang));
    QList<OutboxRow> queued = outbox(db, visit);
    QCOMPARE(queued.size(), 1);
    QCOMPARE(queued[0].op, QStringLiteral("insert"));
    QCOMPARE(queued[0].fields.value("state").toString(), QStringLiteral("submitted"));
    QCOMPARE(queued[0].fields.value("customer_id").toString(), merchant);
    QCOMPARE(queued[0].fields.value("item").toString(), QStringLiteral("site_visit"));
    items = checklist.checklist(merchant, CustomerKind::Merchant);
    QCOMPARE(items[3].state, KycItemState::Submitted);
    QCOMPARE(items[3].updatedBy, m_book.repWang);

    // Refused on the spot, with nothing queued: a rep verifying, a rejection without a reason,
    // a manager touching it.
    SaveResult refused = checklist.move(merchant, KycItemKind::SiteVisit, KycItemState::Verified,
                                        QString(), Role::SalesRep, m_book.repWang);
    QVERIFY(!refused);
    QCOMPARE(refused.issues.first().field, QStringLiteral("state"));
    refused = checklist.move(merchant, KycItemKind::SiteVisit, KycItemState::Rejected,
                             QStringLiteral("  "), Role::RiskOfficer, m_detail.riskOfficer);
    QVERIFY(!refused);
    QCOMPARE(refused.issues.first().field, QStringLiteral("note"));
    QVERIFY(!checklist.move(merchant, KycItemKind::BeneficialOwner, KycItemState::Submitted,
                            QString(), Role::BranchManager, "user-zhou"));
    QVERIFY(outbox(db, KycRules::itemId(merchant, KycItemKind::BeneficialOwner)).isEmpty());
    QCOMPARE(outbox(db, visit).size(), 1);

    // Risk rejects it: an update with only what changed.
    QVERIFY(checklist.move(merchant, KycItemKind::SiteVisit, KycItemState::Rejected,
                           QStringLiteral("门头照片与营业执照地址不符"), Role::RiskOfficer,
                           m_detail.riskOfficer));
    queued = outbox(db, visit);
    QCOMPARE(queued.size(), 2);
    QCOMPARE(queued[1].op, QStringLiteral("update"));
    QStringList sent = queued[1].fields.keys();
    sent.sort();
    QCOMPARE(sent, (QStringList{ "note", "state", "updated_by" }));
}

void TestMerchantModels::modelsPassTheTester()
{
    const QSqlDatabase db = m_fixture->db();
    TerminalListModel terminals(db);
    QAbstractItemModelTester terminalTester(&terminals,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    terminals.setCustomer(m_book.teaMerchant);
    QCOMPARE(terminals.rowCount(), 3);
    QCOMPARE(terminals.activeCount(), 2);
    QCOMPARE(terminals.index(2, TerminalListModel::Status).data().toString(),
             QStringLiteral("Faulty"));
    QCOMPARE(terminals.index(1, TerminalListModel::Kind).data().toString(),
             QStringLiteral("QR code stand"));
    QCOMPARE(terminals.index(0, TerminalListModel::Serial).data().toString(),
             m_detail.teaTerminals[0]);
    terminals.setCustomer(m_book.borrower);
    QCOMPARE(terminals.rowCount(), 0);

    MerchantVolumeModel volumes(db);
    QAbstractItemModelTester volumeTester(&volumes,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    volumes.setCustomer(m_book.teaMerchant);
    QCOMPARE(volumes.rowCount(), 12);
    // The peak is the spring tea season: April, 2.1 × ¥186,000.
    QCOMPARE(volumes.peakFen(), qint64(39060000));
    for (int row = 0; row < volumes.rowCount(); ++row) {
        const QDate month = volumes.index(row, 0).data(MerchantVolumeModel::MonthRole).toDate();
        if (month.month() == 4)
            QCOMPARE(volumes.index(row, MerchantVolumeModel::Volume).data().toString(),
                     QStringLiteral("¥390,600.00"));
    }
    const QDate first = volumes.index(0, 0).data(MerchantVolumeModel::MonthRole).toDate();
    QCOMPARE(volumes.index(0, MerchantVolumeModel::Month).data().toString(),
             first.toString("MMM yyyy"));
    QCOMPARE(volumes.index(0, MerchantVolumeModel::Volume).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));

    KycChecklistModel checklist(db);
    QAbstractItemModelTester checklistTester(
            &checklist, QAbstractItemModelTester::FailureReportingMode::QtTest);
    checklist.setCustomer(m_detail.onboardingMerchant, CustomerKind::Merchant);
    QCOMPARE(checklist.rowCount(), 6);
    QCOMPARE(checklist.verifiedCount(), 1);
    QCOMPARE(checklist.index(1, KycChecklistModel::State).data().toString(),
             QStringLiteral("Submitted"));
    QCOMPARE(checklist.index(1, KycChecklistModel::ChangedBy).data().toString(),
             QStringLiteral("王磊"));
    QCOMPARE(checklist.index(0, KycChecklistModel::ChangedBy).data().toString(),
             QStringLiteral("风控 陈静"));
    QVERIFY(checklist.index(4, KycChecklistModel::ChangedAt).data().toString().isEmpty());
    QVERIFY(!checklist.index(4, 0).data(KycChecklistModel::PendingRole).toBool());
    QVERIFY(KycChecklistRepository(db).move(m_detail.onboardingMerchant,
                                            KycItemKind::BeneficialOwner, KycItemState::Submitted,
                                            QString(), Role::SalesRep, m_book.repWang));
    checklist.reload();
    QVERIFY(checklist.index(4, 0).data(KycChecklistModel::PendingRole).toBool());
    QCOMPARE(checklist.index(4, KycChecklistModel::State).data().toString(),
             QStringLiteral("Submitted"));
    QCOMPARE(checklist.itemAt(4).item, KycItemKind::BeneficialOwner);
    // An individual borrower has two items, the first named for a person.
    checklist.setCustomer(m_book.borrower, CustomerKind::Individual);
    QCOMPARE(checklist.rowCount(), 2);
    QCOMPARE(checklist.index(0, KycChecklistModel::Item).data().toString(),
             QStringLiteral("Resident ID card"));
}

QTEST_MAIN(TestMerchantModels)
#include "tst_merchantmodels.moc"
