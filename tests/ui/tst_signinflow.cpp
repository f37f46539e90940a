// SPDX-License-Identifier: GPL-3.0-or-later
// First run, later starts, sign-out and removal, clicked and typed through against a real
// branchline-server process on SQLite with demo data, with the real keychain (a private
// gnome-keyring that scripts/test.sh starts) under a service name of the test's own.
//
// The cases run in order and build on each other, as one computer's life does: first sign-in
// (a dead address, a wrong password, then the right one and the first sync), later starts
// online and offline, sign-out, removal.
#include "ServerProcess.h"
#include "Translations.h"
#include "accounts/AccountRegistry.h"
#include "keys/KeychainKeyStore.h"
#include "session/FirstSyncPage.h"
#include "session/Session.h"
#include "session/SignInDialog.h"
#include "session/StartupFlow.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>
#include <QUuid>

#include <functional>

using namespace branchline;
using namespace branchline::test;

namespace {

constexpr int patience = 60000;

qint64 count(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

// A computer with no keychain at all.
class NoKeychain : public KeyStore
{
public:
    ReadResult readKey(const QString &) override { return { Status::Unavailable, {}, {} }; }
    Status writeKey(const QString &, const SecretBytes &, QString *) override
    {
        return Status::Unavailable;
    }
    Status removeKey(const QString &, QString *) override { return Status::Unavailable; }
};

// The person at that computer, who knows their passphrase.
class KnownPassphrase : public PassphrasePrompt
{
public:
    SecretBytes askPassphrase(Purpose purpose, const QString &) override
    {
        asked << purpose;
        const QByteArray text = QByteArrayLiteral("lotus pond at dawn");
        return SecretBytes(text.constData(), std::size_t(text.size()));
    }
    QList<Purpose> asked;
};

template<typename T>
T *child(QWidget *parent, const char *name)
{
    return parent->findChild<T *>(QString::fromLatin1(name));
}

// Every visible label shows all of its text: a squeezed layout cuts lines off silently.
QString clippedLabel(QWidget *root)
{
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (!label->isVisible() || label->text().isEmpty())
            continue;
        const int needed = label->wordWrap() ? label->heightForWidth(label->width())
                                             : label->sizeHint().height();
        if (label->height() < needed)
            return QStringLiteral("%1 (%2 < %3)").arg(label->text()).arg(label->height()).arg(needed);
    }
    return QString();
}

} // namespace

class TestSignInFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void firstRunSignsInAndSyncs();
    void laterStartResumesWithoutAsking();
    void laterStartWorksOffline();
    void signOutAsksForThePasswordAgain();
    void removeFromComputerDeletesEverything();
    void commandLineSignsInWithoutTyping();
    void withoutKeychainStartsOfflineWithThePassphrase();
    void lostKeyRebuildsFromTheServer();
    void quitAfterClosesAnUnansweredDialog();
    void rendersInBothLanguages_data();
    void rendersInBothLanguages();

private:
    AccountRegistry registry() const
    {
        return AccountRegistry(m_keys, m_settings, m_dir.filePath(QStringLiteral("stores")));
    }
    // Runs the startup flow; `drive` gets the dialog when it shows, inside its event loop.
    std::unique_ptr<Session> runFlow(const std::function<void(SignInDialog *)> &drive,
                                     StartupOptions options = {});

    QTemporaryDir m_dir;
    std::shared_ptr<KeychainKeyStore> m_keys;
    std::shared_ptr<QSettings> m_settings;
    std::unique_ptr<ServerProcess> m_server;
    int m_dialogsShown = 0;
};

void TestSignInFlow::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("No D-Bus session: run this test through scripts/test.sh or "
              "scripts/with-keyring.sh, which start a private session with gnome-keyring.");
    m_keys = std::make_shared<KeychainKeyStore>(
            QStringLiteral("Branchline-test-") + QUuid::createUuid().toString(QUuid::Id128),
            20000);
    m_settings = std::make_shared<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                             QSettings::IniFormat);
    m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("server.db")));
    QString error;
    QVERIFY2(m_server->seed(120, &error), qPrintable(error));
    QVERIFY(m_server->start());
    // The branch's IT configured the address (packaging, issue 8).
    const QString conf = m_dir.filePath(QStringLiteral("client.conf"));
    QFile file(conf);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("server_url = " + m_server->url().toString().toUtf8() + "\n");
    file.close();
    qputenv("BRANCHLINE_CLIENT_CONF", conf.toUtf8());
}

void TestSignInFlow::cleanupTestCase()
{
    m_server.reset();
    qunsetenv("BRANCHLINE_CLIENT_CONF");
}

std::unique_ptr<Session> TestSignInFlow::runFlow(const std::function<void(SignInDialog *)> &drive,
                                             StartupOptions options)
{
    StartupFlow flow(std::move(options), registry());
    connect(&flow, &StartupFlow::dialogShown, this, [this, drive](SignInDialog *dialog) {
        ++m_dialogsShown;
        QTimer::singleShot(0, dialog, [dialog, drive] { drive(dialog); });
    });
    return flow.run(nullptr);
}

void TestSignInFlow::firstRunSignsInAndSyncs()
{
    const QString deadStore =
            registry().prepare(QUrl(QStringLiteral("http://127.0.0.1:1")), QStringLiteral("zj.rep1"))
                    .storePath;
    QString prefilled;
    QString unreachable;
    QString wrongPassword;
    bool deadStoreWhileTried = false;
    bool deadStoreGoneAfter = false;
    bool showedProgress = false;
    QString recordsAtEnd;
    auto drive = [&](SignInDialog *dialog) {
        auto *server = child<QLineEdit>(dialog, "server");
        auto *login = child<QLineEdit>(dialog, "login");
        auto *password = child<QLineEdit>(dialog, "password");
        auto *signIn = child<QPushButton>(dialog, "signIn");
        auto *problem = child<QLabel>(dialog, "problem");
        prefilled = server->text();
        QVERIFY(!signIn->isEnabled()); // nothing typed yet
        // A small first sync may be over before the page is looked at.
        connect(dialog, &QDialog::accepted, dialog, [&, dialog] {
            recordsAtEnd = child<QLabel>(dialog->firstSyncPage(), "records")->text();
        });

        // An address where nothing listens.
        server->clear();
        QTest::keyClicks(server, QStringLiteral("http://127.0.0.1:1"));
        QTest::keyClicks(login, QStringLiteral("zj.rep1"));
        QTest::keyClicks(password, QStringLiteral("Demo-Password-2026"));
        QVERIFY(signIn->isEnabled());
        QTest::mouseClick(signIn, Qt::LeftButton);
        QVERIFY(password->text().isEmpty()); // taken from the field at once
        QVERIFY(QTest::qWaitFor([&] { return problem->text().contains(QStringLiteral("cannot be reached")); },
                                patience));
        unreachable = problem->text();
        deadStoreWhileTried = QFile::exists(deadStore);

        // The right address, a wrong password.
        server->clear();
        QTest::keyClicks(server, prefilled);
        QTest::keyClicks(password, QStringLiteral("not-the-password"));
        QTest::keyClick(password, Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return problem->text().contains(QStringLiteral("wrong")); },
                                patience));
        wrongPassword = problem->text();
        deadStoreGoneAfter = !QFile::exists(deadStore);
        QVERIFY(!dialog->isShowingFirstSync());

        // The right one: the first sync's page takes over until it is done.
        QTest::keyClicks(password, QStringLiteral("Demo-Password-2026"));
        QTest::mouseClick(signIn, Qt::LeftButton);
        showedProgress = QTest::qWaitFor([&] { return dialog->isShowingFirstSync(); }, patience);
    };
    std::unique_ptr<Session> session = runFlow(drive);
    QCOMPARE(prefilled, m_server->url().toString());
    QVERIFY2(unreachable.contains(QStringLiteral("cannot be reached")), qPrintable(unreachable));
    QVERIFY(deadStoreWhileTried);
    QVERIFY(deadStoreGoneAfter); // a store for a sign-in that never worked leaves no trace
    QVERIFY2(wrongPassword.contains(QStringLiteral("password is wrong")), qPrintable(wrongPassword));
    QVERIFY(showedProgress);
    // The page counted what arrived.
    QVERIFY2(QLocale().toLongLong(recordsAtEnd) > 0, qPrintable(recordsAtEnd));

    QVERIFY(session);
    QVERIFY(session->isSignedIn());
    QVERIFY(!session->userId().isEmpty());
    QVERIFY(session->hasRole());
    QCOMPARE(session->role(), Role::SalesRep);
    QVERIFY(session->displayName() != QStringLiteral("zj.rep1")); // the name from the users table
    QVERIFY(count(session->database(), QStringLiteral("SELECT count(*) FROM customers")) > 0);
    QVERIFY(session->lastSyncTime().isValid());
    QCOMPARE(session->pendingEditCount(), 0);

    const std::optional<Account> account = registry().lastUsed();
    QVERIFY(account);
    QCOMPARE(account->login, QStringLiteral("zj.rep1"));
    QCOMPARE(account->userId, session->userId());
    QVERIFY(account->firstSyncDone);
    QCOMPARE(account->protection, KeyProtection::Keychain);
    QVERIFY(QFile::exists(account->storePath));
    QCOMPARE(m_keys->readKey(account->name).status, KeyStore::Status::Ok);
    KeyStore::Status status = KeyStore::Status::Failed;
    QVERIFY(!registry().refreshToken(*account, &status).isEmpty());
    // Nothing secret in the settings file.
    m_settings->sync();
    QFile settings(m_settings->fileName());
    QVERIFY(settings.open(QIODevice::ReadOnly));
    const QByteArray written = settings.readAll();
    QVERIFY(written.contains("zj.rep1"));
    QVERIFY(!written.contains("Demo-Password-2026"));
    QVERIFY(!written.contains(registry().refreshToken(*account, &status).toUtf8()));
    QTRY_VERIFY_WITH_TIMEOUT(session->isOnline(), patience);
}

void TestSignInFlow::laterStartResumesWithoutAsking()
{
    const int shownBefore = m_dialogsShown;
    std::unique_ptr<Session> session = runFlow([](SignInDialog *dialog) { dialog->reject(); });
    QVERIFY(session);
    QCOMPARE(m_dialogsShown, shownBefore); // no password asked
    // Rows are there before the server answers: the store opened at once.
    QVERIFY(count(session->database(), QStringLiteral("SELECT count(*) FROM customers")) > 0);
    QCOMPARE(session->role(), Role::SalesRep);
    QSignalSpy finished(session.get(), &Session::syncFinished);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), patience);
    QCOMPARE(finished.first().first().value<sync::SyncOutcome>().status,
             sync::SyncOutcome::Status::Done);
    QTRY_VERIFY_WITH_TIMEOUT(session->isOnline(), patience);
}

void TestSignInFlow::laterStartWorksOffline()
{
    m_server->kill();
    const int shownBefore = m_dialogsShown;
    std::unique_ptr<Session> session = runFlow([](SignInDialog *dialog) { dialog->reject(); });
    QVERIFY(session);
    QCOMPARE(m_dialogsShown, shownBefore);
    QVERIFY(count(session->database(), QStringLiteral("SELECT count(*) FROM customers")) > 0);
    QSignalSpy finished(session.get(), &Session::syncFinished);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), patience);
    QCOMPARE(finished.first().first().value<sync::SyncOutcome>().status,
             sync::SyncOutcome::Status::Transient); // retried later, not a sign-in
    QVERIFY(!session->isOnline());
    QVERIFY(session->isSignedIn());
    session.reset();
    QVERIFY(m_server->start());
}

void TestSignInFlow::signOutAsksForThePasswordAgain()
{
    std::unique_ptr<Session> session = runFlow([](SignInDialog *dialog) { dialog->reject(); });
    QVERIFY(session);
    const Account account = session->account();
    QString error;
    QVERIFY2(session->signOut(&error), qPrintable(error));
    QVERIFY(!session->isSignedIn());
    KeyStore::Status status = KeyStore::Status::Ok;
    QVERIFY(registry().refreshToken(account, &status).isEmpty());
    QCOMPARE(status, KeyStore::Status::NotFound);
    QVERIFY(QFile::exists(account.storePath)); // the store stays
    QCOMPARE(m_keys->readKey(account.name).status, KeyStore::Status::Ok); // and its key
    session.reset();

    QString login;
    QString notice;
    bool loginLocked = true;
    std::unique_ptr<Session> again = runFlow([&](SignInDialog *dialog) {
        login = child<QLineEdit>(dialog, "login")->text();
        loginLocked = child<QLineEdit>(dialog, "login")->isReadOnly();
        notice = child<QLabel>(dialog, "notice")->text();
        QTest::keyClicks(child<QLineEdit>(dialog, "password"),
                         QStringLiteral("Demo-Password-2026"));
        QTest::mouseClick(child<QPushButton>(dialog, "signIn"), Qt::LeftButton);
    });
    QCOMPARE(login, QStringLiteral("zj.rep1"));
    QVERIFY(!loginLocked); // someone else may sign in on this computer
    QVERIFY2(notice.contains(QStringLiteral("kept")), qPrintable(notice));
    QVERIFY(again);
    QVERIFY(again->isSignedIn());
    QCOMPARE(again->account().storePath, account.storePath); // the same store, no new sync
    QVERIFY(!registry().refreshToken(account, &status).isEmpty());
}

void TestSignInFlow::removeFromComputerDeletesEverything()
{
    std::unique_ptr<Session> session = runFlow([](SignInDialog *dialog) { dialog->reject(); });
    QVERIFY(session);
    const Account account = session->account();
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(account.storePath + QStringLiteral("-wal")), patience);
    QString error;
    QVERIFY2(session->removeFromComputer(&error), qPrintable(error));
    for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
        QVERIFY2(!QFile::exists(account.storePath + suffix), qPrintable(suffix));
    QVERIFY(QDir(QFileInfo(account.storePath).absolutePath())
                    .entryList(QDir::Files | QDir::NoDotAndDotDot)
                    .isEmpty());
    QCOMPARE(m_keys->readKey(account.name).status, KeyStore::Status::NotFound);
    QCOMPARE(m_keys->readKey(account.refreshTokenEntry()).status, KeyStore::Status::NotFound);
    QVERIFY(!registry().find(account.name));
    session.reset();

    // The next start is a first run again; quitting there gives no session.
    const int shownBefore = m_dialogsShown;
    std::unique_ptr<Session> none = runFlow([](SignInDialog *dialog) {
        QTest::mouseClick(child<QPushButton>(dialog, "quit"), Qt::LeftButton);
    });
    QVERIFY(!none);
    QCOMPARE(m_dialogsShown, shownBefore + 1);
}

void TestSignInFlow::commandLineSignsInWithoutTyping()
{
    // --user zj.rep2 with BRANCHLINE_PASSWORD: the dialog shows progress, nobody types.
    qputenv("BRANCHLINE_PASSWORD", "Demo-Password-2026");
    StartupOptions options;
    options.server = m_server->url();
    options.login = QStringLiteral("zj.rep2");
    std::unique_ptr<Session> session = runFlow([](SignInDialog *) {}, options);
    QVERIFY(!qEnvironmentVariableIsSet("BRANCHLINE_PASSWORD")); // no child inherits it
    QVERIFY(session);
    QCOMPARE(session->account().login, QStringLiteral("zj.rep2"));
    QVERIFY(count(session->database(), QStringLiteral("SELECT count(*) FROM customers")) > 0);
    session.reset();

    // Next time the same options need no password at all.
    const int shownBefore = m_dialogsShown;
    std::unique_ptr<Session> again = runFlow([](SignInDialog *dialog) { dialog->reject(); }, options);
    QVERIFY(again);
    QCOMPARE(m_dialogsShown, shownBefore);
    QString error;
    QVERIFY(again->removeFromComputer(&error));
}

void TestSignInFlow::withoutKeychainStartsOfflineWithThePassphrase()
{
    AccountRegistry accounts(std::make_shared<NoKeychain>(),
                             std::make_shared<QSettings>(
                                     m_dir.filePath(QStringLiteral("nokeychain.ini")),
                                     QSettings::IniFormat),
                             m_dir.filePath(QStringLiteral("nokeychain")));
    KnownPassphrase person;
    StartupOptions options;
    options.server = m_server->url();
    options.login = QStringLiteral("zj.manager");
    auto start = [&] {
        StartupFlow flow(options, accounts, &person);
        int shown = 0;
        connect(&flow, &StartupFlow::dialogShown, this, [&](SignInDialog *) { ++shown; });
        std::unique_ptr<Session> session = flow.run(nullptr);
        return std::make_pair(std::move(session), shown);
    };

    qputenv("BRANCHLINE_PASSWORD", "Demo-Password-2026");
    auto [session, shown] = start();
    QVERIFY(session);
    QCOMPARE(shown, 1); // the first sync's progress
    QCOMPARE(person.asked, QList<PassphrasePrompt::Purpose>{ PassphrasePrompt::Purpose::Create });
    QCOMPARE(session->account().protection, KeyProtection::Passphrase);
    QCOMPARE(session->role(), Role::BranchManager);
    QVERIFY(count(session->database(),
                  QStringLiteral("SELECT count(*) FROM store_meta "
                                 "WHERE key = 'session.refresh_token' AND value <> ''"))
            == 1);
    session.reset();

    // Offline, no keychain, no password: the passphrase opens the store and the session.
    m_server->kill();
    auto [again, shownAgain] = start();
    QVERIFY(again);
    QCOMPARE(shownAgain, 0);
    QCOMPARE(person.asked.last(), PassphrasePrompt::Purpose::Unlock);
    QVERIFY(again->isSignedIn());
    QVERIFY(count(again->database(), QStringLiteral("SELECT count(*) FROM customers")) > 0);
    QString error;
    QVERIFY2(again->signOut(&error), qPrintable(error));
    QCOMPARE(count(again->database(),
                   QStringLiteral("SELECT count(*) FROM store_meta "
                                  "WHERE key = 'session.refresh_token'")),
             0);
    again.reset();
    QVERIFY(m_server->start());
}

void TestSignInFlow::lostKeyRebuildsFromTheServer()
{
    StartupOptions options;
    options.server = m_server->url();
    options.login = QStringLiteral("zj.rep2");
    qputenv("BRANCHLINE_PASSWORD", "Demo-Password-2026");
    std::unique_ptr<Session> session = runFlow([](SignInDialog *) {}, options);
    QVERIFY(session);
    const Account account = session->account();
    session.reset();
    // Someone cleaned up the keychain: the file stays, but nothing can read it any more.
    QCOMPARE(m_keys->removeKey(account.name, nullptr), KeyStore::Status::Ok);
    QVERIFY(QFile::exists(account.storePath));

    QString notice;
    bool showedProgress = false;
    std::unique_ptr<Session> rebuilt = runFlow(
            [&](SignInDialog *dialog) {
                notice = child<QLabel>(dialog, "notice")->text();
                QTest::keyClicks(child<QLineEdit>(dialog, "password"),
                                 QStringLiteral("Demo-Password-2026"));
                QTest::mouseClick(child<QPushButton>(dialog, "signIn"), Qt::LeftButton);
                showedProgress =
                        QTest::qWaitFor([&] { return dialog->isShowingFirstSync(); }, patience);
            },
            options);
    QVERIFY2(notice.contains(QStringLiteral("gone from the system keychain")), qPrintable(notice));
    QVERIFY(showedProgress); // a new store syncs from the start, with its progress
    QVERIFY(rebuilt);
    QCOMPARE(rebuilt->account().storePath, account.storePath);
    QCOMPARE(m_keys->readKey(account.name).status, KeyStore::Status::Ok); // a new key
    QVERIFY(count(rebuilt->database(), QStringLiteral("SELECT count(*) FROM customers")) > 0);
    QString error;
    QVERIFY2(rebuilt->removeFromComputer(&error), qPrintable(error));
}

void TestSignInFlow::quitAfterClosesAnUnansweredDialog()
{
    // A smoke test's --quit-after on a computer with no account: nobody answers the form.
    StartupOptions options;
    options.quitAfterMs = 200;
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<Session> session = runFlow([](SignInDialog *) {}, options);
    QVERIFY(!session);
    QVERIFY(clock.elapsed() < 20000);
}

void TestSignInFlow::rendersInBothLanguages_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("title");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Sign in to Branchline");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("登录 Branchline");
}

// The sign-in form (clean and refused) and the first sync's page as a person sees them; with
// BRANCHLINE_SCREENSHOT_DIR set, the pictures are kept for the docs.
void TestSignInFlow::rendersInBothLanguages()
{
    QFETCH(QString, language);
    QFETCH(QString, title);
    for (QTranslator *translator : qApp->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
    QVERIFY(Translations::install(*qApp, language));
    const QString directory = qEnvironmentVariable("BRANCHLINE_SCREENSHOT_DIR");
    auto keep = [&](QWidget *widget, const QString &name) {
        QCoreApplication::processEvents();
        const QString clipped = clippedLabel(widget);
        QVERIFY2(clipped.isEmpty(), qPrintable(name + QStringLiteral(": ") + clipped));
        const QPixmap picture = widget->grab();
        QVERIFY(!picture.isNull());
        if (!directory.isEmpty())
            QVERIFY(picture.save(directory + QStringLiteral("/%1-%2.png").arg(name, language)));
    };

    QApplication::setWindowIcon(QIcon(QStringLiteral(":/branchline/icons/branchline.svg")));
    SignInDialog dialog;
    dialog.setServer(QUrl(QStringLiteral("https://crm.example.cn")), false);
    dialog.setLogin(QStringLiteral("zj.rep1"), false);
    dialog.show(); // at the size it chooses itself, as in the app
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.windowTitle(), title);
    QTest::keyClicks(child<QLineEdit>(&dialog, "password"), QStringLiteral("secret"));
    keep(&dialog, QStringLiteral("sign-in"));

    // Asked again after the server ended the session.
    dialog.setNotice(QCoreApplication::translate(
            "branchline::StartupFlow",
            "Your session on the server has ended. Enter your password to continue syncing; "
            "your work on this computer is kept."));
    keep(&dialog, QStringLiteral("sign-in-again"));
    dialog.setNotice(QString());

    // The refusal as Session words it, in the language of the interface; the password field was
    // emptied when it was taken.
    dialog.takePassword();
    dialog.showProblem(SignInProblem::WrongPassword,
                       Session::problemText(SignInProblem::WrongPassword, QString()));
    keep(&dialog, QStringLiteral("sign-in-refused"));

    dialog.showFirstSync(QStringLiteral("李明"), QStringLiteral("crm.example.cn"));
    FirstSyncPage *page = dialog.firstSyncPage();
    page->setElapsedForTest(0);
    page->setProgress(sync::SyncPhase::Snapshot, 0, -1, 0);
    page->setElapsedForTest(7400);
    page->setProgress(sync::SyncPhase::Snapshot, 2400, -1, 1843200);
    QCOMPARE(child<QLabel>(page, "records")->text(), QLocale().toString(2400));
    QCOMPARE(child<QLabel>(page, "elapsed")->text(), QStringLiteral("0:07"));
    QCOMPARE(child<QProgressBar>(page, "progress")->maximum(), 0); // no total: busy bar
    // The server counts the snapshot on its first page: a real bar and a time left.
    const QString unknownLeft = child<QLabel>(page, "remaining")->text();
    page->setElapsedForTest(8000);
    page->setProgress(sync::SyncPhase::Snapshot, 2600, 9000, 1996800);
    page->setElapsedForTest(11000); // the rate is measured from when the total was known
    page->setProgress(sync::SyncPhase::Snapshot, 3800, 9000, 2918400);
    QVERIFY(child<QProgressBar>(page, "progress")->maximum() > 0);
    QVERIFY(child<QLabel>(page, "remaining")->text() != unknownLeft);
    keep(&dialog, QStringLiteral("first-sync"));

    for (QTranslator *translator : qApp->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
}

QTEST_MAIN(TestSignInFlow)
#include "tst_signinflow.moc"
