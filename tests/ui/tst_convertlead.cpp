// SPDX-License-Identifier: GPL-3.0-or-later
// Converting a lead, clicked and typed through offscreen: the dialog starts from the lead, a
// bad credit code and a bad mobile number are each refused next to their field with nothing
// saved, then the customer and the converted lead are saved together with their outbox rows,
// customer first, and the new customer is the one to open.
#include "ConvertLeadDialog.h"
#include "DemoLeads.h"
#include "LeadBoard.h"
#include "LeadCardView.h"
#include "LeadsPage.h"
#include "StoreFixture.h"
#include "TypeText.h"
#include "itemmodels/LeadColumnModel.h"
#include "repositories/CustomerRepository.h"
#include "repositories/LeadRepository.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace branchline;

namespace {

qint64 count(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

QStringList outbox(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT table_name, op, record_id FROM outbox ORDER BY mutation"));
    QStringList rows;
    while (query.next())
        rows << QStringList{ query.value(0).toString(), query.value(1).toString(),
                             query.value(2).toString() }
                        .join(QLatin1Char(' '));
    return rows;
}

// The message under a field, when it shows one.
QString messageOf(QWidget *dialog, const char *field)
{
    auto *label = dialog->findChild<QLabel *>(QStringLiteral("error_") + QLatin1String(field));
    return label && label->isVisible() ? label->text() : QString();
}

void retype(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    test::typeText(edit, text);
}

} // namespace

class TestConvertLead : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void convertsALead();
    void individualBorrowerNeedsAValidId();

private:
    QTemporaryDir m_settingsDir;
};

void TestConvertLead::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
}

void TestConvertLead::convertsALead()
{
    test::StoreFixture fixture;
    QVERIFY(fixture.isOpen());
    const test::DemoBook book = test::seedDemoBook(fixture.db(), 20);
    const QString lead = test::addDemoLeads(fixture.db(), book).value(QStringLiteral("杨超"));
    QVERIFY(test::confirmAllEdits(fixture.db()));
    const qint64 customersBefore = count(fixture.db(), QStringLiteral("SELECT count(*) FROM customers"));

    LeadsPage page(fixture.db(), Role::SalesRep, book.repWang);
    page.showBoard(true);
    page.resize(1280, 720);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy opened(&page, &LeadsPage::customerOpened);
    QSignalSpy pending(&page, &LeadsPage::pendingEditsChanged);

    // Pick the card, then "Convert into customer…".
    auto *convertButton = page.findChild<QPushButton *>(QStringLiteral("convertLead"));
    QVERIFY(!convertButton->isEnabled()); // nothing selected yet
    LeadCardView *qualified = page.board()->column(LeadStatus::Qualified);
    LeadColumnModel *model = page.board()->model(LeadStatus::Qualified);
    QTest::mouseClick(qualified->viewport(), Qt::LeftButton, Qt::NoModifier,
                      qualified->visualRect(model->index(model->rowOf(lead), 0)).center());
    QCOMPARE(page.currentLeadId(), lead);
    QVERIFY(convertButton->isEnabled());
    QTest::mouseClick(convertButton, Qt::LeftButton);
    ConvertLeadDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page.findChild<ConvertLeadDialog *>()) && dialog->isVisible());

    // Filled in from the lead.
    auto *legalName = dialog->findChild<QLineEdit *>(QStringLiteral("legalName"));
    auto *creditCode = dialog->findChild<QLineEdit *>(QStringLiteral("creditCode"));
    auto *phone = dialog->findChild<QLineEdit *>(QStringLiteral("phone"));
    QCOMPARE(legalName->text(), QStringLiteral("天成酒店"));
    QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("kind"))->currentData().toString(),
             QStringLiteral("merchant"));
    QCOMPARE(phone->text(), QStringLiteral("13905710007"));
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("city"))->text(), QStringLiteral("杭州"));
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("owner"))->text(),
             QStringLiteral("王磊 · 杭州西湖支行"));
    auto *convert = dialog->findChild<QPushButton *>(QStringLiteral("convert"));

    // A credit code with the wrong check character, and a mobile number too short.
    QString bad = test::validCreditCode(9031);
    bad[17] = bad[17] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    test::typeText(creditCode, bad);
    retype(phone, QStringLiteral("1390571"));
    QTest::mouseClick(convert, Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QVERIFY2(messageOf(dialog, "credit_code").contains(QStringLiteral("last character")),
             qPrintable(messageOf(dialog, "credit_code")));
    QVERIFY(!messageOf(dialog, "phone").isEmpty());
    QVERIFY(messageOf(dialog, "legal_name").isEmpty());
    QCOMPARE(count(fixture.db(), QStringLiteral("SELECT count(*) FROM customers")), customersBefore);
    QCOMPARE(LeadRepository(fixture.db()).find(lead)->status, LeadStatus::Qualified);
    QVERIFY(outbox(fixture.db()).isEmpty());
    QCOMPARE(pending.size(), 0);

    // The code fixed, the phone still wrong: only the phone is left to fix.
    retype(creditCode, test::validCreditCode(9031));
    QTest::mouseClick(convert, Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QVERIFY(messageOf(dialog, "credit_code").isEmpty());
    QVERIFY(!messageOf(dialog, "phone").isEmpty());
    QVERIFY(outbox(fixture.db()).isEmpty());

    retype(phone, QStringLiteral("139 0571 0007"));
    QTest::mouseClick(convert, Qt::LeftButton);
    QTRY_COMPARE(opened.size(), 1);
    const QString customerId = opened.first().first().toString();
    QVERIFY(!customerId.isEmpty());
    QCOMPARE(pending.size(), 1);

    const std::optional<Customer> customer = CustomerRepository(fixture.db()).find(customerId);
    QVERIFY(customer);
    QCOMPARE(customer->legalName, QStringLiteral("天成酒店"));
    QCOMPARE(customer->kind, CustomerKind::Merchant);
    QCOMPARE(customer->creditCode, test::validCreditCode(9031));
    QCOMPARE(customer->phone, QStringLiteral("13905710007"));
    QCOMPARE(customer->ownerId, book.repWang);
    QCOMPARE(customer->branchId, book.hangzhouBranch);
    QCOMPARE(customer->status, CustomerStatus::Prospect);
    const Lead converted = *LeadRepository(fixture.db()).find(lead);
    QCOMPARE(converted.status, LeadStatus::Converted);
    QCOMPARE(converted.convertedCustomerId, customerId);
    QCOMPARE(outbox(fixture.db()),
             (QStringList{ QStringLiteral("customers insert ") + customerId,
                           QStringLiteral("leads update ") + lead }));

    // The board shows it converted, pending, and the button has nothing left to do.
    LeadColumnModel *done = page.board()->model(LeadStatus::Converted);
    QCOMPARE(done->rowOf(lead), 0);
    QVERIFY(done->index(0, 0).data(LeadColumnModel::PendingRole).toBool());
    QCOMPARE(page.currentLeadId(), lead);
    QVERIFY(!convertButton->isEnabled());
    // Opening the converted card opens its customer.
    LeadCardView *column = page.board()->column(LeadStatus::Converted);
    const QPoint card = column->visualRect(done->index(0, 0)).center();
    QTest::mouseClick(column->viewport(), Qt::LeftButton, Qt::NoModifier, card);
    QTest::mouseDClick(column->viewport(), Qt::LeftButton, Qt::NoModifier, card);
    QTRY_COMPARE(opened.size(), 2);
    QCOMPARE(opened.last().first().toString(), customerId);
}

void TestConvertLead::individualBorrowerNeedsAValidId()
{
    test::StoreFixture fixture;
    QVERIFY(fixture.isOpen());
    const test::DemoBook book = test::seedDemoBook(fixture.db(), 20);
    const QString lead = test::addDemoLeads(fixture.db(), book).value(QStringLiteral("赵敏"));
    QVERIFY(test::confirmAllEdits(fixture.db()));
    LeadsPage page(fixture.db(), Role::SalesRep, book.repWang);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy opened(&page, &LeadsPage::customerOpened);
    page.convertLead(lead);
    ConvertLeadDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page.findChild<ConvertLeadDialog *>()) && dialog->isVisible());
    // No company: a person, an individual borrower, asked for a resident ID, not a credit code.
    QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("kind"))->currentData().toString(),
             QStringLiteral("individual"));
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("legalName"))->text(),
             QStringLiteral("赵敏"));
    auto *idNumber = dialog->findChild<QLineEdit *>(QStringLiteral("idNumber"));
    QVERIFY(idNumber->isVisible());
    QVERIFY(!dialog->findChild<QLineEdit *>(QStringLiteral("creditCode"))->isVisible());
    test::typeText(idNumber, QStringLiteral("110105199003071234")); // wrong check digit
    auto *convert = dialog->findChild<QPushButton *>(QStringLiteral("convert"));
    QTest::mouseClick(convert, Qt::LeftButton);
    QVERIFY(!messageOf(dialog, "id_number").isEmpty());
    QVERIFY(outbox(fixture.db()).isEmpty());
    retype(idNumber, test::validIdNumber(7));
    QTest::mouseClick(convert, Qt::LeftButton);
    QTRY_COMPARE(opened.size(), 1);
    const Customer customer = *CustomerRepository(fixture.db()).find(opened.first().first().toString());
    QCOMPARE(customer.kind, CustomerKind::Individual);
    QCOMPARE(customer.idNumber, test::validIdNumber(7));
    QVERIFY(customer.creditCode.isEmpty());
    QCOMPARE(outbox(fixture.db()).size(), 2);
}

QTEST_MAIN(TestConvertLead)
#include "tst_convertlead.moc"
