// SPDX-License-Identifier: GPL-3.0-or-later
// Converting a lead in the dialog on a rep's computer, then syncing with the real
// branchline-server process over loopback: the server takes the new customer and the
// converted lead (nothing refused, nothing journalled), answers with their versions so
// nothing stays pending, and another computer of the same rep pulls both, link included.
#include "ConvertLeadDialog.h"
#include "LeadBoard.h"
#include "LeadsPage.h"
#include "LoopbackDevice.h"
#include "ServerApi.h"
#include "ServerProcess.h"
#include "StoreFixture.h"
#include "TypeText.h"
#include "itemmodels/LeadColumnModel.h"
#include "repositories/LeadRepository.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace branchline;
using namespace branchline::test;

namespace {

qint64 count(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

} // namespace

class TestConvertLeadSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void conversionReachesTheServer();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
};

void TestConvertLeadSync::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
    m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("server.db")));
    QString error;
    QVERIFY2(m_server->seed(120, &error), qPrintable(error));
    QVERIFY(m_server->start());
}

void TestConvertLeadSync::conversionReachesTheServer()
{
    LoopbackDevice device(m_dir.filePath(QStringLiteral("rep.db")), m_server->url(),
                          QStringLiteral("zj.rep1"));
    QCOMPARE(device.syncNow(), sync::SyncOutcome::Status::Done);
    const QSqlDatabase db = device.store.database();
    const QString userId = device.client->userId();

    // One of the rep's open leads, as the first sync brought it: the number masked.
    QSqlQuery pick(db);
    QVERIFY(pick.exec(QStringLiteral("SELECT id, phone, company FROM leads WHERE deleted = 0 "
                                     "AND status IN ('new', 'contacted', 'qualified') "
                                     "AND company <> '' ORDER BY id LIMIT 1")));
    QVERIFY2(pick.next(), "the demo data gives zj.rep1 no open lead");
    const QString leadId = pick.value(0).toString();
    const QString maskedPhone = pick.value(1).toString();
    const QString company = pick.value(2).toString();
    QVERIFY2(maskedPhone.contains(QLatin1Char('*')), qPrintable(maskedPhone));

    LeadsPage page(db, Role::SalesRep, userId);
    page.resize(1280, 720);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy opened(&page, &LeadsPage::customerOpened);
    page.convertLead(leadId);
    ConvertLeadDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page.findChild<ConvertLeadDialog *>()) && dialog->isVisible());
    auto *phone = dialog->findChild<QLineEdit *>(QStringLiteral("phone"));
    QVERIFY(phone->text().isEmpty()); // a masked number is not carried over...
    QVERIFY(phone->placeholderText().contains(maskedPhone)); // ...but shown, to be typed
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("legalName"))->text(), company);
    QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("kind"))->currentData().toString(),
             QStringLiteral("merchant"));
    typeText(dialog->findChild<QLineEdit *>(QStringLiteral("creditCode")), validCreditCode(6061));
    typeText(phone, QStringLiteral("13905719999"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("convert")), Qt::LeftButton);
    QTRY_COMPARE(opened.size(), 1);
    const QString customerId = opened.first().first().toString();
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM outbox")), 2);

    // Synced: the server took both, in order, and refused nothing.
    QCOMPARE(device.syncNow(), sync::SyncOutcome::Status::Done);
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM outbox")), 0);
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM sync_conflicts")), 0);
    page.refresh();
    LeadColumnModel *converted = page.board()->model(LeadStatus::Converted);
    const int row = converted->rowOf(leadId);
    QVERIFY(row >= 0);
    QVERIFY(!converted->index(row, 0).data(LeadColumnModel::PendingRole).toBool());

    const QString token = apiSignIn(m_server->url(), QStringLiteral("zj.rep1"));
    QVERIFY(!token.isEmpty());
    const ApiAnswer customer =
            apiGet(m_server->url(), QStringLiteral("/api/v1/customers/") + customerId, token);
    QCOMPARE(customer.status, 200);
    QCOMPARE(customer.body.value("legal_name").toString(), company);
    QCOMPARE(customer.body.value("credit_code").toString().size(), 18); // masked, but there
    QCOMPARE(customer.body.value("owner_id").toString(), userId);
    QCOMPARE(customer.body.value("status").toString(), QStringLiteral("prospect"));
    const ApiAnswer lead = apiGet(m_server->url(), QStringLiteral("/api/v1/leads/") + leadId, token);
    QCOMPARE(lead.status, 200);
    QCOMPARE(lead.body.value("status").toString(), QStringLiteral("converted"));
    QCOMPARE(lead.body.value("converted_customer_id").toString(), customerId);

    // The rep's other computer learns all of it.
    LoopbackDevice laptop(m_dir.filePath(QStringLiteral("laptop.db")), m_server->url(),
                          QStringLiteral("zj.rep1"));
    QCOMPARE(laptop.syncNow(), sync::SyncOutcome::Status::Done);
    const std::optional<Lead> pulled = LeadRepository(laptop.store.database()).find(leadId);
    QVERIFY(pulled);
    QCOMPARE(pulled->status, LeadStatus::Converted);
    QCOMPARE(pulled->convertedCustomerId, customerId);
    QCOMPARE(laptop.customer(customerId).legalName, company);
}

QTEST_MAIN(TestConvertLeadSync)
#include "tst_convertleadsync.moc"
