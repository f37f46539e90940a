// SPDX-License-Identifier: GPL-3.0-or-later
// The 360° view's reveal action against a real branchline-server process with demo data,
// through the signed-in session and its sync worker, as the main window wires it: a rep who
// gives a reason sees the full value and the server's audit trail holds the unmask with that
// reason, while nothing of the clear value reaches the local store; a missing reason is
// refused in the dialog; a role the server does not allow is refused in words; offline the
// button explains itself, and a request the network fails says so and loses no edit. With
// BRANCHLINE_SCREENSHOT_DIR set, the reason dialog and a shown value are kept as pictures.
#include "FakeKeyStore.h"
#include "MainWindow.h"
#include "RevealReasonDialog.h"
#include "ServerProcess.h"
#include "Translations.h"
#include "TypeText.h"
#include "customers/CustomerView.h"
#include "customers/CustomerWorkspace.h"
#include "domain/rules/Masking.h"
#include "session/Session.h"
#include "session/SessionPiiReveal.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTranslator>

using namespace branchline;
using namespace branchline::test;

namespace {

constexpr int patience = 60000;

// Every text cell of every table of the store that holds `text`, as "table.column".
QStringList placesHolding(const QSqlDatabase &db, const QString &text)
{
    QStringList places;
    QSqlQuery tables(db);
    tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
    while (tables.next()) {
        const QString table = tables.value(0).toString();
        QSqlQuery columns(db);
        columns.exec(QStringLiteral("PRAGMA table_info(\"%1\")").arg(table));
        while (columns.next()) {
            const QString column = columns.value(1).toString();
            QSqlQuery hit(db);
            hit.prepare(QStringLiteral("SELECT count(*) FROM \"%1\" WHERE instr(CAST(\"%2\" AS "
                                       "TEXT), ?) > 0")
                                .arg(table, column));
            hit.addBindValue(text);
            if (hit.exec() && hit.next() && hit.value(0).toInt() > 0)
                places << table + QLatin1Char('.') + column;
        }
    }
    return places;
}

} // namespace

class TestPiiRevealServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void aRepSeesTheFullValueAndTheServerAuditsIt();
    void aRoleTheServerDoesNotAllowIsRefused();
    void offlineAndNetworkFailuresAreExplained();
    void rendersInBothLanguages_data();
    void rendersInBothLanguages();

private:
    std::unique_ptr<Session> signIn(const QString &login);
    // The server's pii.unmask entries, oldest first, read with the sqlite3 program as an
    // operator would (this binary links SQLCipher, not the server's SQLite driver).
    QJsonArray unmaskEntries();
    static RevealReasonDialog *clickReveal(CustomerView *view, const QString &field);
    static void giveReason(RevealReasonDialog *dialog, const QString &reason);
    // A customer of the store with a phone number: its id and the masked number.
    static std::pair<QString, QString> customerWithPhone(const QSqlDatabase &db);

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    int m_computers = 0;
};

void TestPiiRevealServer::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
    m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("server.db")));
    QString error;
    QVERIFY2(m_server->seed(40, &error), qPrintable(error));
    QVERIFY(m_server->start());
}

void TestPiiRevealServer::cleanupTestCase()
{
    m_server.reset();
}

std::unique_ptr<Session> TestPiiRevealServer::signIn(const QString &login)
{
    // A computer of its own per sign-in: a new store, not the last case's.
    const QString computer = m_dir.filePath(QStringLiteral("computer-%1").arg(++m_computers));
    auto keys = std::make_shared<FakeKeyStore>();
    auto settings = std::make_shared<QSettings>(computer + QStringLiteral("/accounts.ini"),
                                                QSettings::IniFormat);
    AccountRegistry registry(keys, settings, computer + QStringLiteral("/stores"));
    const Account account = registry.prepare(m_server->url(), login);
    auto session = std::make_unique<Session>(account, registry);
    StoreKey key;
    key.secret = SecretBytes::random(32);
    QString error;
    if (!session->open(std::move(key), true, &error)) {
        qWarning("store did not open: %s", qPrintable(error));
        return nullptr;
    }
    QSignalSpy synced(session.get(), &Session::firstSyncCompleted);
    session->signIn(login, demoPassword());
    if (!QTest::qWaitFor([&] { return !synced.isEmpty() && session->isOnline(); }, patience))
        return nullptr;
    return session;
}

QJsonArray TestPiiRevealServer::unmaskEntries()
{
    QProcess sqlite;
    sqlite.start(QStringLiteral("sqlite3"),
                 { QStringLiteral("-readonly"), QStringLiteral("-json"),
                   m_dir.filePath(QStringLiteral("server.db")),
                   QStringLiteral("SELECT actor_id, entity, entity_id, reason, detail FROM "
                                  "audit_log WHERE action = 'pii.unmask' ORDER BY seq") });
    if (!sqlite.waitForFinished(patience) || sqlite.exitCode() != 0) {
        qWarning("sqlite3 (scripts/setup.sh installs it) failed: %s",
                 sqlite.readAllStandardError().constData());
        return { QStringLiteral("sqlite3 failed") };
    }
    // No rows: sqlite3 prints nothing at all.
    return QJsonDocument::fromJson(sqlite.readAllStandardOutput()).array();
}

RevealReasonDialog *TestPiiRevealServer::clickReveal(CustomerView *view, const QString &field)
{
    QTest::mouseClick(view->findChild<QToolButton *>(QStringLiteral("reveal_") + field),
                      Qt::LeftButton);
    for (RevealReasonDialog *dialog : view->findChildren<RevealReasonDialog *>()) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

void TestPiiRevealServer::giveReason(RevealReasonDialog *dialog, const QString &reason)
{
    auto *line = dialog->findChild<QLineEdit *>(QStringLiteral("reason"));
    line->clear();
    typeText(line, reason);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("showValue")),
                      Qt::LeftButton);
}

std::pair<QString, QString> TestPiiRevealServer::customerWithPhone(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT id, phone FROM customers WHERE phone <> '' AND deleted = 0 "
                              "ORDER BY legal_name LIMIT 1"));
    return query.next() ? std::make_pair(query.value(0).toString(), query.value(1).toString())
                        : std::make_pair(QString(), QString());
}

void TestPiiRevealServer::aRepSeesTheFullValueAndTheServerAuditsIt()
{
    std::unique_ptr<Session> session = signIn(QStringLiteral("zj.rep1"));
    QVERIFY(session);
    QCOMPARE(session->role(), Role::SalesRep);
    const auto [id, masked] = customerWithPhone(session->database());
    QVERIFY(!id.isEmpty());
    QVERIFY2(masked.contains(QLatin1Char('*')), qPrintable(masked)); // synced masked
    QCOMPARE(unmaskEntries(), QJsonArray());

    MainWindow window(*session);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.customers()->openCustomer(id);
    CustomerView *view = window.customers()->customerView();
    auto *phone = view->findChild<QLineEdit *>(QStringLiteral("phone"));
    QCOMPARE(phone->placeholderText(), masked);

    // No reason: refused in the dialog, and the server is not asked.
    RevealReasonDialog *dialog = clickReveal(view, QStringLiteral("phone"));
    QVERIFY(dialog);
    giveReason(dialog, QString());
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("error_reason"))->isVisible());
    QTest::qWait(200);
    QCOMPARE(unmaskEntries(), QJsonArray());

    // Characters a URL query would garble arrive as typed.
    const QString reason = QStringLiteral("回访前核对 & 100%41 + #2");
    giveReason(dialog, reason);
    QTRY_VERIFY_WITH_TIMEOUT(!phone->text().isEmpty(), patience);
    const QString clear = phone->text();
    QCOMPARE(clear.size(), 11);
    QCOMPARE(Masking::mask(PiiKind::Phone, clear), masked);
    QVERIFY(phone->isReadOnly());
    auto *marker = view->findChild<QLabel *>(QStringLiteral("revealedFor_phone"));
    QVERIFY2(marker->text().contains(QStringLiteral("Shown for: ") + reason),
             qPrintable(marker->text()));

    const QJsonArray entries = unmaskEntries();
    QCOMPARE(entries.size(), 1);
    const QJsonObject entry = entries.first().toObject();
    QCOMPARE(entry.value(QStringLiteral("actor_id")).toString(), session->userId());
    QCOMPARE(entry.value(QStringLiteral("entity")).toString(), QStringLiteral("customers"));
    QCOMPARE(entry.value(QStringLiteral("entity_id")).toString(), id);
    QCOMPARE(entry.value(QStringLiteral("reason")).toString(), reason);
    const QString detail = entry.value(QStringLiteral("detail")).toString();
    QVERIFY2(detail.contains(QStringLiteral("phone")), qPrintable(detail));
    QVERIFY(!detail.contains(clear));

    // Nothing of it is kept: not after the answer, not after saving another edit and a sync.
    QCOMPARE(placesHolding(session->database(), clear), QStringList());
    auto *city = view->findChild<QLineEdit *>(QStringLiteral("city"));
    city->selectAll();
    typeText(city, QStringLiteral("杭州市"));
    QVERIFY(view->save());
    QSignalSpy rounds(session.get(), &Session::syncFinished);
    session->syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(!rounds.isEmpty() && session->pendingEditCount() == 0, patience);
    QCOMPARE(placesHolding(session->database(), clear), QStringList());
    QCOMPARE(phone->text(), clear); // still shown for this look at this customer

    // Leaving the customer masks it again.
    view->requestBack();
    QVERIFY(!window.customers()->isShowingCustomer());
    QVERIFY(phone->text().isEmpty());
}

void TestPiiRevealServer::aRoleTheServerDoesNotAllowIsRefused()
{
    // An administrator runs the system, not customers: PII stays masked for them, and their
    // view has no Reveal button at all.
    std::unique_ptr<Session> session = signIn(QStringLiteral("admin"));
    QVERIFY(session);
    QCOMPARE(session->role(), Role::Admin);
    const auto [id, masked] = customerWithPhone(session->database());
    QVERIFY(!id.isEmpty());
    CustomerView adminView(session->database(), Role::Admin, session->userId());
    QVERIFY(adminView.openCustomer(id));
    QVERIFY(!adminView.findChild<QToolButton *>(QStringLiteral("reveal_phone")));

    // A view that offers it anyway (a role changed on the server since the last sync) is
    // refused by the server, in words, and the edit typed meanwhile stays.
    const qsizetype before = unmaskEntries().size();
    CustomerView view(session->database(), Role::SalesRep, session->userId());
    SessionPiiReveal service(*session);
    view.setRevealService(&service);
    view.setOnline(session->isOnline());
    view.resize(1200, 760);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.openCustomer(id));
    auto *city = view.findChild<QLineEdit *>(QStringLiteral("city"));
    city->selectAll();
    typeText(city, QStringLiteral("宁波市"));
    giveReason(clickReveal(&view, QStringLiteral("phone")), QStringLiteral("核实客户身份"));
    auto *notice = view.findChild<QLabel *>(QStringLiteral("revealNotice"));
    QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), patience);
    QVERIFY2(notice->text().contains(QStringLiteral("Your role may not see this personal data")),
             qPrintable(notice->text()));
    QVERIFY(view.findChild<QLineEdit *>(QStringLiteral("phone"))->text().isEmpty());
    QCOMPARE(city->text(), QStringLiteral("宁波市"));
    QVERIFY(view.hasUnsavedChanges());
    QCOMPARE(unmaskEntries().size(), before);
}

void TestPiiRevealServer::offlineAndNetworkFailuresAreExplained()
{
    std::unique_ptr<Session> session = signIn(QStringLiteral("zj.rep1"));
    QVERIFY(session);
    MainWindow window(*session);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString id = customerWithPhone(session->database()).first;
    window.customers()->openCustomer(id);
    CustomerView *view = window.customers()->customerView();
    auto *notice = view->findChild<QLabel *>(QStringLiteral("revealNotice"));
    auto *city = view->findChild<QLineEdit *>(QStringLiteral("city"));
    city->selectAll();
    typeText(city, QStringLiteral("温州市"));

    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!session->isOnline(), patience);
    QVERIFY(!clickReveal(view, QStringLiteral("phone"))); // no reason asked: it cannot go
    QVERIFY2(notice->text().contains(QStringLiteral("You are offline")),
             qPrintable(notice->text()));

    // The status bar had not noticed yet: the request goes, fails, and says why.
    window.customers()->setOnline(true);
    RevealReasonDialog *dialog = clickReveal(view, QStringLiteral("phone"));
    QVERIFY(dialog);
    giveReason(dialog, QStringLiteral("核实客户身份"));
    QTRY_VERIFY_WITH_TIMEOUT(notice->text().contains(QStringLiteral("could not be reached")),
                             patience);
    QVERIFY2(notice->text().startsWith(QStringLiteral("The value stays masked.")),
             qPrintable(notice->text()));
    QVERIFY(view->findChild<QLineEdit *>(QStringLiteral("phone"))->text().isEmpty());
    QCOMPARE(city->text(), QStringLiteral("温州市"));
    QVERIFY(view->hasUnsavedChanges());
    QVERIFY(m_server->start());
}

void TestPiiRevealServer::rendersInBothLanguages_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("reason");
    QTest::newRow("en") << QStringLiteral("en")
                        << QStringLiteral("Check the number before the call back");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("回访前核对联系方式");
}

void TestPiiRevealServer::rendersInBothLanguages()
{
    QFETCH(QString, language);
    QFETCH(QString, reason);
    for (QTranslator *translator : qApp->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
    QVERIFY(Translations::install(*qApp, language));
    const QString directory = qEnvironmentVariable("BRANCHLINE_SCREENSHOT_DIR");
    const auto keep = [&](QWidget *widget, const QString &name) {
        QCoreApplication::sendPostedEvents();
        QTest::qWait(50);
        const QPixmap picture = widget->grab();
        QVERIFY(!picture.isNull());
        if (!directory.isEmpty())
            QVERIFY(picture.save(QStringLiteral("%1/%2-%3.png").arg(directory, name, language)));
    };

    std::unique_ptr<Session> session = signIn(QStringLiteral("zj.rep1"));
    QVERIFY(session);
    MainWindow window(*session);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.customers()->openCustomer(customerWithPhone(session->database()).first);
    CustomerView *view = window.customers()->customerView();
    RevealReasonDialog *dialog = clickReveal(view, QStringLiteral("phone"));
    QVERIFY(dialog);
    giveReason(dialog, QString());
    keep(dialog, QStringLiteral("customer-reveal-no-reason"));
    auto *common = dialog->findChild<QComboBox *>(QStringLiteral("commonReasons"));
    common->setFocus();
    QTest::keyClick(common, Qt::Key_Down);
    QTest::keyClick(common, Qt::Key_Down);
    keep(dialog, QStringLiteral("customer-reveal-reason"));
    giveReason(dialog, reason);
    auto *phone = view->findChild<QLineEdit *>(QStringLiteral("phone"));
    QTRY_VERIFY_WITH_TIMEOUT(!phone->text().isEmpty(), patience);
    keep(&window, QStringLiteral("customer-revealed"));
}

QTEST_MAIN(TestPiiRevealServer)
#include "tst_piirevealserver.moc"
