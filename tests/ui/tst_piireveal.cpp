// SPDX-License-Identifier: GPL-3.0-or-later
// The 360° view's reveal action over a stand-in for the session, clicked and typed through:
// the reason dialog refuses a missing or empty reason, the full value shows read-only with
// its reason and is never saved, and it is masked again on Hide, after its time, when another
// customer opens, and when the value changed meanwhile; refusals and offline are explained,
// and a typed value is never replaced. tst_piirevealserver does the same against the server.
#include "CustomerView.h"
#include "DemoData.h"
#include "PiiReveal.h"
#include "PiiRevealService.h"
#include "RevealReasonDialog.h"
#include "StoreFixture.h"
#include "TypeText.h"
#include "repositories/CustomerRepository.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace branchline;

namespace {

// Answers as the session does: later, queued, with the id it returned.
class FakeReveal : public PiiRevealService
{
public:
    struct Request
    {
        quint64 id = 0;
        QString customerId;
        QStringList fields;
        QString reason;
    };

    quint64 reveal(const QString &customerId, const QStringList &fields,
                   const QString &reason) override
    {
        asked.append({ ++m_last, customerId, fields, reason });
        return m_last;
    }
    void answer(const QHash<QString, QString> &values, const QString &error = QString())
    {
        const quint64 id = asked.last().id;
        QMetaObject::invokeMethod(
                this, [this, id, values, error] { emit answered(id, values, error); },
                Qt::QueuedConnection);
    }

    QList<Request> asked;

private:
    quint64 m_last = 0;
};

const QString clearPhone = QStringLiteral("13905711234");

} // namespace

class TestPiiReveal : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void aReasonIsRequired();
    void shownReadOnlyAndNeverSaved();
    void maskedAgainOnHideTimeAndAnotherCustomer();
    void aDisplayedValueStaysThroughARefresh();
    void refusalsAndOfflineAreExplained();
    void aTypedValueIsNotReplaced();

private:
    void openView(Role role, const QString &customerId);
    RevealReasonDialog *clickReveal(const QString &field);
    // Types `reason` into the open dialog and presses Show.
    void giveReason(RevealReasonDialog *dialog, const QString &reason);
    template<typename T>
    T *child(const QString &name) const
    {
        return m_view->findChild<T *>(name);
    }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<test::StoreFixture> m_fixture;
    test::DemoBook m_book;
    std::unique_ptr<CustomerView> m_view;
    std::unique_ptr<FakeReveal> m_service;
};

void TestPiiReveal::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
}

void TestPiiReveal::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isOpen());
    m_book = test::seedDemoBook(m_fixture->db(), 20);
    m_service = std::make_unique<FakeReveal>();
}

void TestPiiReveal::cleanup()
{
    m_view.reset();
    m_service.reset();
    m_fixture.reset();
}

void TestPiiReveal::openView(Role role, const QString &customerId)
{
    m_view = std::make_unique<CustomerView>(m_fixture->db(), role, m_book.repWang);
    m_view->setRevealService(m_service.get());
    m_view->setOnline(true);
    m_view->resize(1200, 760);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    QVERIFY(m_view->openCustomer(customerId));
}

RevealReasonDialog *TestPiiReveal::clickReveal(const QString &field)
{
    QTest::mouseClick(child<QToolButton>(QStringLiteral("reveal_") + field), Qt::LeftButton);
    // A dialog answered before may wait for its deletion still.
    for (RevealReasonDialog *dialog : m_view->findChildren<RevealReasonDialog *>()) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

void TestPiiReveal::giveReason(RevealReasonDialog *dialog, const QString &reason)
{
    auto *line = dialog->findChild<QLineEdit *>(QStringLiteral("reason"));
    line->clear();
    test::typeText(line, reason);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("showValue")),
                      Qt::LeftButton);
}

void TestPiiReveal::aReasonIsRequired()
{
    openView(Role::SalesRep, m_book.teaMerchant);
    RevealReasonDialog *dialog = clickReveal(QStringLiteral("phone"));
    QVERIFY(dialog);
    QVERIFY(dialog->isModal() || dialog->windowModality() != Qt::NonModal);
    auto *problem = dialog->findChild<QLabel *>(QStringLiteral("error_reason"));

    giveReason(dialog, QString());
    QVERIFY(dialog->isVisible()); // refused in the dialog, nothing asked
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(QStringLiteral("Give a reason")),
             qPrintable(problem->text()));
    giveReason(dialog, QStringLiteral(" . ! "));
    QVERIFY(dialog->isVisible());
    QVERIFY2(problem->text().contains(QStringLiteral("at least 4")), qPrintable(problem->text()));
    QVERIFY(m_service->asked.isEmpty());

    // A common reason picked from the list is the start of the text.
    auto *common = dialog->findChild<QComboBox *>(QStringLiteral("commonReasons"));
    common->setFocus();
    QTest::keyClick(common, Qt::Key_Down);
    auto *line = dialog->findChild<QLineEdit *>(QStringLiteral("reason"));
    QCOMPARE(line->text(), QStringLiteral("Verify the customer's identity"));
    QVERIFY(!problem->isVisible());
    test::typeText(line, QStringLiteral(" before the visit"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("showValue")),
                      Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
    QCOMPARE(m_service->asked.size(), 1);
    QCOMPARE(m_service->asked[0].customerId, m_book.teaMerchant);
    QCOMPARE(m_service->asked[0].fields, QStringList{ QStringLiteral("phone") });
    QCOMPARE(m_service->asked[0].reason,
             QStringLiteral("Verify the customer's identity before the visit"));
    auto *button = child<QToolButton>(QStringLiteral("reveal_phone"));
    QVERIFY(!button->isEnabled()); // waiting for the answer

    // Cancel sends nothing.
    dialog = clickReveal(QStringLiteral("credit_code"));
    QVERIFY(dialog);
    dialog->reject();
    QCOMPARE(m_service->asked.size(), 1);
}

void TestPiiReveal::shownReadOnlyAndNeverSaved()
{
    openView(Role::SalesRep, m_book.teaMerchant);
    auto *phone = child<QLineEdit>(QStringLiteral("phone"));
    // Typed into and emptied again: the field counts as touched, and empty keeps the value.
    test::typeText(phone, QStringLiteral("1"));
    QTest::keyClick(phone, Qt::Key_Backspace);
    // Whatever the server shows (here not what this store holds) is never saved.
    const QString shown = QStringLiteral("13900001234");
    giveReason(clickReveal(QStringLiteral("phone")), QStringLiteral("回访前核对联系方式"));
    m_service->answer({ { QStringLiteral("phone"), shown } });
    QTRY_COMPARE(phone->text(), shown);
    QVERIFY(phone->isReadOnly());
    auto *marker = child<QLabel>(QStringLiteral("revealedFor_phone"));
    QVERIFY(marker->isVisible());
    QVERIFY2(marker->text().startsWith(QStringLiteral("Shown for: 回访前核对联系方式.")),
             qPrintable(marker->text()));
    QCOMPARE(child<QToolButton>(QStringLiteral("reveal_phone"))->text(), QStringLiteral("Hide"));

    // Saving another edit takes only that edit: the shown value is no edit of the phone.
    auto *city = child<QLineEdit>(QStringLiteral("city"));
    city->selectAll();
    test::typeText(city, QStringLiteral("杭州市"));
    QVERIFY(m_view->save());
    QSqlQuery query(m_fixture->db());
    QVERIFY(query.exec(QStringLiteral("SELECT fields FROM outbox")));
    QVERIFY(query.next());
    QVERIFY2(!query.value(0).toString().contains(QStringLiteral("phone")),
             qPrintable(query.value(0).toString()));
    QCOMPARE(CustomerRepository(m_fixture->db()).find(m_book.teaMerchant)->phone, clearPhone);
    // The same customer shown again after the save keeps the value on screen.
    QCOMPARE(phone->text(), shown);
    QVERIFY(phone->isReadOnly());
}

void TestPiiReveal::maskedAgainOnHideTimeAndAnotherCustomer()
{
    openView(Role::SalesRep, m_book.teaMerchant);
    auto *phone = child<QLineEdit>(QStringLiteral("phone"));
    auto *button = child<QToolButton>(QStringLiteral("reveal_phone"));
    auto *marker = child<QLabel>(QStringLiteral("revealedFor_phone"));
    const auto reveal = [&] {
        giveReason(clickReveal(QStringLiteral("phone")), QStringLiteral("核实客户身份"));
        m_service->answer({ { QStringLiteral("phone"), clearPhone } });
        return QTest::qWaitFor([&] { return phone->text() == clearPhone; });
    };

    QVERIFY(reveal());
    QTest::mouseClick(button, Qt::LeftButton); // Hide
    QVERIFY(phone->text().isEmpty());
    QVERIFY(!phone->isReadOnly());
    QCOMPARE(phone->placeholderText(), QStringLiteral("139****1234"));
    QVERIFY(!marker->isVisible());
    QCOMPARE(button->text(), QStringLiteral("Reveal"));

    m_view->findChild<PiiReveal *>()->hideAfterMs = 300;
    QVERIFY(reveal());
    QVERIFY(marker->isVisible());
    QTRY_VERIFY(phone->text().isEmpty());
    QVERIFY(!marker->isVisible());

    m_view->findChild<PiiReveal *>()->hideAfterMs = 60000;
    QVERIFY(reveal());
    QVERIFY(m_view->openCustomer(m_book.borrower));
    QVERIFY(phone->text().isEmpty());
    QVERIFY(!phone->isReadOnly());
    QVERIFY(!marker->isVisible());

    // An answer for the customer no longer shown is dropped.
    QVERIFY(m_view->openCustomer(m_book.teaMerchant));
    giveReason(clickReveal(QStringLiteral("phone")), QStringLiteral("核实客户身份"));
    QVERIFY(m_view->openCustomer(m_book.borrower));
    m_service->answer({ { QStringLiteral("phone"), clearPhone } });
    QTest::qWait(50);
    QVERIFY(phone->text().isEmpty());
    QVERIFY(button->isEnabled());
}

void TestPiiReveal::aDisplayedValueStaysThroughARefresh()
{
    // A branch manager sees the phone as text, not in an editor.
    openView(Role::BranchManager, m_book.teaMerchant);
    auto *phone = child<QLabel>(QStringLiteral("phone"));
    QCOMPARE(phone->text(), QStringLiteral("139****1234"));
    giveReason(clickReveal(QStringLiteral("phone")), QStringLiteral("Review the onboarding"));
    m_service->answer({ { QStringLiteral("phone"), clearPhone } });
    QTRY_COMPARE(phone->text(), clearPhone);
    m_view->refresh(); // a sync round brought nothing new for it
    QCOMPARE(phone->text(), clearPhone);

    // A round brings another number: the shown one is out of date, so it goes.
    CustomerRepository customers(m_fixture->db());
    Customer changed = *customers.find(m_book.teaMerchant);
    changed.phone = QStringLiteral("13757129876");
    QVERIFY(customers.update(changed));
    m_view->refresh();
    QCOMPARE(phone->text(), QStringLiteral("137****9876"));
    QVERIFY(!child<QLabel>(QStringLiteral("revealedFor_phone"))->isVisible());
}

void TestPiiReveal::refusalsAndOfflineAreExplained()
{
    openView(Role::SalesRep, m_book.teaMerchant);
    auto *notice = child<QLabel>(QStringLiteral("revealNotice"));
    auto *phone = child<QLineEdit>(QStringLiteral("phone"));
    giveReason(clickReveal(QStringLiteral("phone")), QStringLiteral("核实客户身份"));
    m_service->answer({}, QStringLiteral("Your role may not see this personal data unmasked."));
    QTRY_VERIFY(notice->isVisible());
    QCOMPARE(notice->text(), QStringLiteral("Your role may not see this personal data unmasked."));
    QVERIFY(phone->text().isEmpty());
    QVERIFY(child<QToolButton>(QStringLiteral("reveal_phone"))->isEnabled());

    m_view->setOnline(false);
    QVERIFY(!clickReveal(QStringLiteral("phone")));
    QVERIFY(notice->text().contains(QStringLiteral("You are offline")));
    QCOMPARE(m_service->asked.size(), 1);
}

void TestPiiReveal::aTypedValueIsNotReplaced()
{
    openView(Role::SalesRep, m_book.teaMerchant);
    auto *phone = child<QLineEdit>(QStringLiteral("phone"));
    test::typeText(phone, QStringLiteral("13757129876"));
    QVERIFY(!clickReveal(QStringLiteral("phone")));
    auto *notice = child<QLabel>(QStringLiteral("revealNotice"));
    QVERIFY2(notice->text().contains(QStringLiteral("You typed a new value for “Mobile”")),
             qPrintable(notice->text()));
    QCOMPARE(phone->text(), QStringLiteral("13757129876"));
    QVERIFY(m_service->asked.isEmpty());
}

QTEST_MAIN(TestPiiReveal)
#include "tst_piireveal.moc"
