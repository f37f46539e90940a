// SPDX-License-Identifier: GPL-3.0-or-later
// SyncWorker, the desktop client's sync thread, against the real branchline-server process over
// loopback: what starts a round (sign-in, a poke from another device's change, a local edit,
// backoff after the server went away, the poke socket coming back), cancelling and resuming a
// long first snapshot, destroying the worker in the middle of a request, and a session ended
// by an administrator, and an audited PII reveal asked between rounds. The test thread plays the
// GUI: it owns the store's first connection and only ever waits on signals (QTRY_*), never on the
// worker.
#include "LoopbackDevice.h"
#include "ServerApi.h"
#include "ServerDatabase.h"
#include "ServerProcess.h"
#include "SyncWorker.h"
#include "TestFiles.h"
#include "domain/rules/Masking.h"

#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace branchline;
using namespace branchline::sync;
using namespace branchline::test;

using Device = LoopbackDevice; // another computer of the same user, syncing by engine

namespace {

// Long enough for a slow CI machine; the cases never wait for a timer longer than a second or
// two (backoff capped at 300 ms, socket reconnects from 1 s).
constexpr int patience = 30000;

// The GUI's side of one computer: the store's own connection and a SyncWorker on the same
// file, with everything the worker reports recorded in order.
struct Gui
{
    Gui(const QString &path, const QUrl &server, int pageSize = 200)
        : store(path)
    {
        [&] { QVERIFY(store.open(testKey(), LocalStore::KeyKind::Raw, true)); }();
        settings = SyncSettings{ server,
                                 QStringLiteral("worker-")
                                         + QUuid::createUuid().toString(QUuid::WithoutBraces),
                                 path };
        settings.pageSize = pageSize;
        // No periodic round during a case: each case proves what else starts rounds.
        settings.periodicMs = 3600 * 1000;
        settings.editDelayMs = 200;
        settings.maxRetryMs = 300;
        startWorker();
    }

    void startWorker()
    {
        worker = std::make_unique<SyncWorker>(settings);
        QObject::connect(worker.get(), &SyncWorker::opened, worker.get(),
                         [this](bool ok, const QString &message) {
                             events << QStringLiteral("opened");
                             openedOk = ok;
                             if (!ok)
                                 qWarning("worker did not open the store: %s", qPrintable(message));
                         });
        QObject::connect(worker.get(), &SyncWorker::signedIn, worker.get(),
                         [this](bool ok, const QString &message, const QString &id) {
                             events << (ok ? QStringLiteral("signedIn")
                                           : QStringLiteral("signInFailed"));
                             if (!ok)
                                 qWarning("sign-in failed: %s", qPrintable(message));
                             userId = id;
                         });
        QObject::connect(worker.get(), &SyncWorker::roundStarted, worker.get(),
                         [this] { events << QStringLiteral("roundStarted"); });
        QObject::connect(worker.get(), &SyncWorker::roundFinished, worker.get(),
                         [this](const SyncOutcome &outcome) {
                             events << QStringLiteral("roundFinished");
                             rounds << outcome.status;
                         });
        QObject::connect(worker.get(), &SyncWorker::onlineChanged, worker.get(),
                         [this](bool now) { online = now; });
        QObject::connect(worker.get(), &SyncWorker::refreshTokenChanged, worker.get(),
                         [this](const QString &token) { tokens << token; });
    }

    // Opens the worker's connection and waits for the answer.
    bool open()
    {
        worker->open(testKey(), LocalStore::KeyKind::Raw);
        return QTest::qWaitFor([this] { return events.contains(QStringLiteral("opened")); },
                               patience)
                && openedOk;
    }

    // Signs in and waits for the first round's end.
    SyncOutcome::Status signIn(const QString &login)
    {
        const qsizetype before = rounds.size();
        worker->signIn(login, demoPassword());
        if (!QTest::qWaitFor([&] { return rounds.size() > before; }, patience))
            return SyncOutcome::Status::Failed; // no round within the patience
        return rounds.last();
    }

    qint64 count(const QString &sql) const
    {
        QSqlQuery query(store.database());
        return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
    }
    qint64 pending() const { return count(QStringLiteral("SELECT count(*) FROM outbox")); }
    QString cursor() const
    {
        QSqlQuery query(store.database());
        query.exec(QStringLiteral("SELECT value FROM store_meta WHERE key = 'sync.cursor'"));
        return query.next() ? query.value(0).toString() : QString();
    }
    QString notes(const QString &id) const
    {
        return CustomerRepository(store.database()).find(id).value_or(Customer()).notes;
    }
    bool lastRoundWas(SyncOutcome::Status status) const
    {
        return !rounds.isEmpty() && rounds.last() == status;
    }

    LocalStore store;
    SyncSettings settings;
    std::unique_ptr<SyncWorker> worker;
    QStringList events;
    QList<SyncOutcome::Status> rounds;
    QStringList tokens;
    QString userId;
    bool openedOk = false;
    bool online = false;
};

} // namespace

class TestSyncWorker : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void signInAnswersThenSyncs();
    void pokeBringsAnotherDevicesChange();
    void localEditIsPushedSoon();
    void serverDownThenBackByItself();
    void reconnectedPokeSocketCatchesUp();
    void cancelledSnapshotResumes();
    void destroyedMidRoundLeavesStoreConsistent();
    void destroyedWhileSigningInReturns();
    void revokedSessionAsksToSignIn();
    void signOutThenSignInAgain();
    void signOutEndsTheServerSession();
    void resumesWithStoredRefreshToken();
    void revealAsksTheServerBetweenRounds();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ServerDatabase> m_database;
    std::unique_ptr<ServerProcess> m_server;
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QUrl url() const { return m_server->url(); }
};

void TestSyncWorker::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database = std::make_unique<ServerDatabase>(QStringLiteral("sqlite"), m_dir->path());
    QVERIFY2(m_database->isReady(), qPrintable(m_database->failure()));
    m_server = std::make_unique<ServerProcess>(m_database->url());
    // The snapshot cases need a first sync of many small pages, long enough to be caught in
    // the middle from the GUI thread.
    const QByteArray name = QTest::currentTestFunction();
    const bool many = name.startsWith("cancelled") || name.startsWith("destroyedMidRound");
    QString error;
    QVERIFY2(m_server->seed(many ? 300 : 40, &error), qPrintable(error));
    QVERIFY(m_server->start());
}

void TestSyncWorker::cleanup()
{
    m_server.reset();
    m_database.reset();
    m_dir.reset();
}

void TestSyncWorker::signInAnswersThenSyncs()
{
    Gui gui(path("gui.db"), url());
    QVERIFY(gui.open());
    QCOMPARE(gui.signIn(QStringLiteral("zj.rep1")), SyncOutcome::Status::Done);
    // The sign-in is answered before the first round runs, not after it: a first sync can take
    // minutes, and the GUI must not wait that long to hear the password was right.
    QVERIFY2(gui.events.indexOf(QStringLiteral("signedIn"))
                     < gui.events.indexOf(QStringLiteral("roundStarted")),
             qPrintable(gui.events.join(QLatin1Char(' '))));
    QVERIFY(!gui.userId.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(gui.online, patience);
    QVERIFY(!gui.tokens.isEmpty() && !gui.tokens.last().isEmpty()); // for the keychain
    // What the worker's connection wrote, the GUI's reads: the same rows a plain engine pulls.
    Device reference(path("reference.db"), url(), QStringLiteral("zj.rep1"));
    QCOMPARE(reference.syncNow(), SyncOutcome::Status::Done);
    QVERIFY(!reference.snapshot().isEmpty());
    QCOMPARE(customerSnapshot(gui.store.database()), reference.snapshot());
}

void TestSyncWorker::pokeBringsAnotherDevicesChange()
{
    Gui gui(path("gui.db"), url());
    QVERIFY(gui.open());
    QCOMPARE(gui.signIn(QStringLiteral("zj.rep1")), SyncOutcome::Status::Done);
    // The poke goes only to an open socket: wait until the server holds it.
    QTRY_COMPARE_WITH_TIMEOUT(openEventSockets(url()), 1, patience);
    Device other(path("other.db"), url(), QStringLiteral("zj.rep1"));
    QCOMPARE(other.syncNow(), SyncOutcome::Status::Done);
    const QString id = other.firstCustomer();
    QVERIFY(edit(other, id, setNotes, QStringLiteral("另一台电脑写的")));
    QCOMPARE(other.syncNow(), SyncOutcome::Status::Done);
    // No syncNow() and no periodic round: only the poke can start the round that brings it.
    QTRY_COMPARE_WITH_TIMEOUT(gui.notes(id), QStringLiteral("另一台电脑写的"), patience);
}

void TestSyncWorker::localEditIsPushedSoon()
{
    Gui gui(path("gui.db"), url());
    QVERIFY(gui.open());
    QCOMPARE(gui.signIn(QStringLiteral("zj.rep1")), SyncOutcome::Status::Done);
    const QString id = customerSnapshot(gui.store.database()).firstKey();
    // The GUI edits on its own connection while the worker may be in a round on its own.
    QVERIFY(editCustomer(gui.store.database(), id, setNotes, QStringLiteral("界面里改的")));
    QCOMPARE(gui.pending(), 1);
    gui.worker->syncSoon();
    QTRY_COMPARE_WITH_TIMEOUT(gui.pending(), 0, patience);
    Device other(path("other.db"), url(), QStringLiteral("zj.rep1"));
    QCOMPARE(other.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(other.customer(id).notes, QStringLiteral("界面里改的"));
}

void TestSyncWorker::serverDownThenBackByItself()
{
    Gui gui(path("gui.db"), url());
    QVERIFY(gui.open());
    QCOMPARE(gui.signIn(QStringLiteral("zj.rep1")), SyncOutcome::Status::Done);
    QTRY_VERIFY_WITH_TIMEOUT(gui.online, patience);
    m_server->kill();
    // Nothing is asked of the worker: its socket's failed reconnects make it find out.
    QTRY_VERIFY_WITH_TIMEOUT(!gui.online, patience);
    QVERIFY(gui.rounds.contains(SyncOutcome::Status::Transient));
    const QString id = customerSnapshot(gui.store.database()).firstKey();
    QVERIFY(editCustomer(gui.store.database(), id, setNotes, QStringLiteral("断网时写的")));
    const qsizetype before = gui.rounds.size();
    gui.worker->syncSoon();
    QTRY_VERIFY_WITH_TIMEOUT(gui.rounds.size() > before, patience);
    QCOMPARE(gui.rounds.last(), SyncOutcome::Status::Transient);
    QCOMPARE(gui.pending(), 1); // kept for the retry
    QVERIFY(m_server->start());
    // Again nothing is asked: backoff retries get the edit through once the server is back.
    QTRY_COMPARE_WITH_TIMEOUT(gui.pending(), 0, patience);
    QTRY_VERIFY_WITH_TIMEOUT(gui.lastRoundWas(SyncOutcome::Status::Done), patience);
    QTRY_VERIFY_WITH_TIMEOUT(gui.online, patience);
    Device other(path("other.db"), url(), QStringLiteral("zj.rep1"));
    QCOMPARE(other.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(other.customer(id).notes, QStringLiteral("断网时写的"));
}

void TestSyncWorker::reconnectedPokeSocketCatchesUp()
{
    Gui gui(path("gui.db"), url());
    QVERIFY(gui.open());
    QCOMPARE(gui.signIn(QStringLiteral("zj.rep1")), SyncOutcome::Status::Done);
    Device other(path("other.db"), url(), QStringLiteral("zj.rep1"));
    QCOMPARE(other.syncNow(), SyncOutcome::Status::Done);
    const QString id = other.firstCustomer();
    QTRY_COMPARE_WITH_TIMEOUT(openEventSockets(url()), 1, patience);
    // A short outage: the worker's socket drops, and no round of its fails meanwhile.
    m_server->kill();
    QVERIFY(m_server->start());
    // A change made before the socket is back is announced to nobody; the worker has to
    // catch up when its socket reconnects, not at the next periodic round an hour later.
    QVERIFY(edit(other, id, setNotes, QStringLiteral("重连之前写的")));
    QCOMPARE(other.syncNow(), SyncOutcome::Status::Done);
    QTRY_COMPARE_WITH_TIMEOUT(gui.notes(id), QStringLiteral("重连之前写的"), patience);
}

void TestSyncWorker::cancelledSnapshotResumes()
{
    Gui gui(path("gui.db"), url(), 5);
    QVERIFY(gui.open());
    // The person presses cancel as soon as the first snapshot page is in.
    bool cancelled = false;
    const auto connection = QObject::connect(gui.worker.get(), &SyncWorker::progress,
                                             gui.worker.get(), [&](SyncPhase phase) {
                                                 if (phase == SyncPhase::Snapshot && !cancelled) {
                                                     cancelled = true;
                                                     gui.worker->cancel();
                                                 }
                                             });
    QCOMPARE(gui.signIn(QStringLiteral("zj.manager")), SyncOutcome::Status::Cancelled);
    QObject::disconnect(connection);
    QVERIFY(cancelled);
    QVERIFY2(gui.cursor().startsWith(QLatin1String("s.")), qPrintable(gui.cursor()));
    // The next round resumes the snapshot where it stopped and completes: the worker does not
    // stay cancelled.
    const qsizetype before = gui.rounds.size();
    gui.worker->syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(gui.rounds.size() > before, patience);
    QCOMPARE(gui.rounds.last(), SyncOutcome::Status::Done);
    Device reference(path("reference.db"), url(), QStringLiteral("zj.manager"));
    QCOMPARE(reference.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(customerSnapshot(gui.store.database()), reference.snapshot());
}

void TestSyncWorker::destroyedMidRoundLeavesStoreConsistent()
{
    Gui gui(path("gui.db"), url(), 5);
    QVERIFY(gui.open());
    bool inSnapshot = false;
    QObject::connect(
            gui.worker.get(), &SyncWorker::progress, gui.worker.get(),
            [&](SyncPhase phase) { inSnapshot = inSnapshot || phase == SyncPhase::Snapshot; });
    gui.worker->signIn(QStringLiteral("zj.manager"), demoPassword());
    QTRY_VERIFY_WITH_TIMEOUT(inSnapshot, patience);
    // The application quits in the middle of the first sync. The destructor cancels the round
    // and waits for the thread; a hang here fails the case by the test's time limit.
    gui.worker.reset();
    QVERIFY(gui.rounds.isEmpty() || gui.rounds.last() != SyncOutcome::Status::Done);
    // Consistent: no lock left behind (the GUI's connection can write at once), and a new
    // worker on the same file resumes from the last whole page to exactly the server's rows.
    QSqlQuery probe(gui.store.database());
    QVERIFY(probe.exec(QStringLiteral(
            "INSERT OR REPLACE INTO store_meta (key, value) VALUES ('test.probe', '1')")));
    QVERIFY2(gui.cursor().startsWith(QLatin1String("s.")), qPrintable(gui.cursor()));
    gui.startWorker();
    QVERIFY(gui.open());
    QCOMPARE(gui.signIn(QStringLiteral("zj.manager")), SyncOutcome::Status::Done);
    QCOMPARE(gui.pending(), 0);
    Device reference(path("reference.db"), url(), QStringLiteral("zj.manager"));
    QCOMPARE(reference.syncNow(), SyncOutcome::Status::Done);
    QCOMPARE(customerSnapshot(gui.store.database()), reference.snapshot());
}

void TestSyncWorker::destroyedWhileSigningInReturns()
{
    // A server that takes the connection and never answers: the sign-in request stays in
    // flight on the worker thread.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    Gui gui(path("gui.db"), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())));
    QVERIFY(gui.open());
    gui.worker->signIn(QStringLiteral("zj.rep1"), demoPassword());
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), patience);
    // Quitting now must neither hang on the request nor free the client under it.
    gui.worker.reset();
    QVERIFY(!gui.events.contains(QStringLiteral("signedIn")));
    // The store is still fine for the next start.
    gui.settings.server = url();
    gui.startWorker();
    QVERIFY(gui.open());
    QCOMPARE(gui.signIn(QStringLiteral("zj.rep1")), SyncOutcome::Status::Done);
}

void TestSyncWorker::revokedSessionAsksToSignIn()
{
    Gui gui(path("gui.db"), url());
    QVERIFY(gui.open());
    QCOMPARE(gui.signIn(QStringLiteral("zj.rep1")), SyncOutcome::Status::Done);
    QTRY_COMPARE_WITH_TIMEOUT(openEventSockets(url()), 1, patience);
    const QString id = customerSnapshot(gui.store.database()).firstKey();
    QVERIFY(editCustomer(gui.store.database(), id, setAddress, QStringLiteral("吊销前没发出的")));
    // An administrator ends the user's sessions on this computer (the lost-laptop case).
    const QString admin = apiSignIn(url(), QStringLiteral("admin"));
    QVERIFY(!admin.isEmpty());
    QCOMPARE(apiPost(url(),
                     QStringLiteral("/api/v1/admin/users/%1/devices/%2/revoke")
                             .arg(gui.userId, gui.settings.deviceId),
                     admin, {})
                     .status,
             200);
    // Another device's change pokes the worker: its round finds the session over, and the
    // refresh token is dropped from the keychain.
    Device other(path("other.db"), url(), QStringLiteral("zj.rep1"));
    QCOMPARE(other.syncNow(), SyncOutcome::Status::Done);
    QVERIFY(edit(other, other.firstCustomer(), setNotes, QStringLiteral("触发一轮同步")));
    QCOMPARE(other.syncNow(), SyncOutcome::Status::Done);
    QTRY_VERIFY_WITH_TIMEOUT(gui.lastRoundWas(SyncOutcome::Status::SignInRequired), patience);
    QCOMPARE(gui.tokens.last(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(!gui.online, patience);
    QCOMPARE(gui.pending(), 1); // kept for after the next sign-in
    // Signing in again goes on where it stopped.
    QCOMPARE(gui.signIn(QStringLiteral("zj.rep1")), SyncOutcome::Status::Done);
    QCOMPARE(gui.pending(), 0);
}

void TestSyncWorker::signOutThenSignInAgain()
{
    Gui gui(path("gui.db"), url());
    QVERIFY(gui.open());
    QCOMPARE(gui.signIn(QStringLiteral("zj.rep1")), SyncOutcome::Status::Done);
    QTRY_VERIFY_WITH_TIMEOUT(gui.online, patience);
    gui.worker->signOut();
    // The session ended here: the keychain's refresh token goes, and the worker is offline.
    QTRY_VERIFY_WITH_TIMEOUT(!gui.tokens.isEmpty() && gui.tokens.last().isEmpty(), patience);
    QTRY_VERIFY_WITH_TIMEOUT(!gui.online, patience);
    // A later sign-in (the same or another person) works and syncs.
    QCOMPARE(gui.signIn(QStringLiteral("zj.rep1")), SyncOutcome::Status::Done);
    QVERIFY(gui.events.count(QStringLiteral("signedIn")) == 2);
}

void TestSyncWorker::signOutEndsTheServerSession()
{
    Gui gui(path("gui.db"), url());
    QVERIFY(gui.open());
    QCOMPARE(gui.signIn(QStringLiteral("zj.rep1")), SyncOutcome::Status::Done);
    const QString stolen = gui.tokens.last(); // a copy left behind somewhere
    const QString userId = gui.userId;
    gui.worker->signOut();
    QTRY_VERIFY_WITH_TIMEOUT(!gui.tokens.isEmpty() && gui.tokens.last().isEmpty(), patience);
    // The server ended the session as well: the old refresh token signs nobody in.
    gui.worker.reset();
    gui.tokens.clear();
    gui.startWorker();
    QVERIFY(gui.open());
    const qsizetype before = gui.rounds.size();
    gui.worker->resume(userId, stolen);
    QTRY_VERIFY_WITH_TIMEOUT(gui.rounds.size() > before, patience);
    QCOMPARE(gui.rounds.last(), SyncOutcome::Status::SignInRequired);
}

void TestSyncWorker::resumesWithStoredRefreshToken()
{
    Gui gui(path("gui.db"), url());
    QVERIFY(gui.open());
    QCOMPARE(gui.signIn(QStringLiteral("zj.rep1")), SyncOutcome::Status::Done);
    const QString stored = gui.tokens.last();
    const QString userId = gui.userId;
    // The next start of the application: a new worker, no password, the keychain's token.
    gui.worker.reset();
    gui.tokens.clear();
    gui.startWorker();
    QVERIFY(gui.open());
    const QString id = customerSnapshot(gui.store.database()).firstKey();
    QVERIFY(editCustomer(gui.store.database(), id, setNotes, QStringLiteral("重启之后改的")));
    const qsizetype before = gui.rounds.size();
    gui.worker->resume(userId, stored);
    QTRY_VERIFY_WITH_TIMEOUT(gui.rounds.size() > before, patience);
    QCOMPARE(gui.rounds.last(), SyncOutcome::Status::Done);
    QCOMPARE(gui.pending(), 0);
    // The server rotates refresh tokens on use: the new one is reported for the keychain.
    QVERIFY(!gui.tokens.isEmpty());
    QVERIFY(!gui.tokens.last().isEmpty());
    QVERIFY(gui.tokens.last() != stored);
}

void TestSyncWorker::revealAsksTheServerBetweenRounds()
{
    struct Answer
    {
        QHash<QString, QString> values;
        QString error;
    };
    QHash<quint64, Answer> answers;
    Gui gui(path("gui.db"), url());
    const auto listen = [&] {
        QObject::connect(
                gui.worker.get(), &SyncWorker::revealed, gui.worker.get(),
                [&](quint64 id, const QHash<QString, QString> &values, const QString &error) {
                    answers.insert(id, { values, error });
                });
    };
    listen();
    QVERIFY(gui.open());
    gui.worker->reveal(1, QStringLiteral("any"), { QStringLiteral("phone") },
                       QStringLiteral("核实身份"));
    QTRY_VERIFY_WITH_TIMEOUT(answers.contains(1), patience);
    QVERIFY2(answers[1].error.contains(QStringLiteral("not signed in")),
             qPrintable(answers[1].error));

    QCOMPARE(gui.signIn(QStringLiteral("zj.rep1")), SyncOutcome::Status::Done);
    QSqlQuery query(gui.store.database());
    QVERIFY(query.exec(
            QStringLiteral("SELECT id, phone FROM customers WHERE phone <> '' LIMIT 1")));
    QVERIFY(query.next());
    const QString id = query.value(0).toString();
    const QString masked = query.value(1).toString();
    QVERIFY2(masked.contains(QLatin1Char('*')), qPrintable(masked)); // sync brings it masked

    // Asked as a round starts: the round's request finishes first, then the reveal's.
    const QString reason = QStringLiteral("回访前核对 & 100%41 + #2");
    bool asked = false;
    QObject::connect(gui.worker.get(), &SyncWorker::roundStarted, gui.worker.get(), [&] {
        if (!std::exchange(asked, true))
            gui.worker->reveal(2, id, { QStringLiteral("phone") }, reason);
    });
    const qsizetype before = gui.rounds.size();
    gui.worker->syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(answers.contains(2), patience);
    QTRY_VERIFY_WITH_TIMEOUT(gui.rounds.size() > before, patience);
    QCOMPARE(gui.rounds.last(), SyncOutcome::Status::Done);
    QVERIFY2(answers[2].error.isEmpty(), qPrintable(answers[2].error));
    const QString clear = answers[2].values.value(QStringLiteral("phone"));
    QCOMPARE(clear.size(), 11);
    QCOMPARE(Masking::mask(PiiKind::Phone, clear), masked);
    const QString kept = QStringLiteral("SELECT count(*) FROM customers WHERE phone = '%1'");
    QCOMPARE(gui.count(kept.arg(clear)), 0); // shown, never stored

    gui.worker->reveal(3, id, { QStringLiteral("phone") }, QStringLiteral("ab"));
    gui.worker->reveal(4, QUuid::createUuid().toString(QUuid::WithoutBraces),
                       { QStringLiteral("phone") }, QStringLiteral("核实身份"));
    QTRY_VERIFY_WITH_TIMEOUT(answers.contains(3) && answers.contains(4), patience);
    QVERIFY2(answers[3].error.contains(QStringLiteral("longer reason")),
             qPrintable(answers[3].error));
    QVERIFY2(answers[4].error.contains(QStringLiteral("no such customer")),
             qPrintable(answers[4].error));
    QVERIFY(answers[4].values.isEmpty());

    // A later start: the first request is the reveal, with no access token yet. Its 401 is
    // answered by a refresh, and the rotated refresh token goes to the keychain.
    const QString stored = gui.tokens.last();
    gui.worker.reset();
    gui.tokens.clear();
    gui.startWorker();
    listen();
    QVERIFY(gui.open());
    const qsizetype roundsBefore = gui.rounds.size();
    gui.worker->resume(gui.userId, stored);
    gui.worker->reveal(5, id, { QStringLiteral("phone") }, QStringLiteral("重启后核对"));
    QTRY_VERIFY_WITH_TIMEOUT(answers.contains(5), patience);
    QVERIFY2(answers[5].error.isEmpty(), qPrintable(answers[5].error));
    QCOMPARE(answers[5].values.value(QStringLiteral("phone")), clear);
    QVERIFY(!gui.tokens.isEmpty() && !gui.tokens.last().isEmpty() && gui.tokens.last() != stored);
    // The resumed session's round, asked for while the reveal waited, still runs.
    QTRY_VERIFY_WITH_TIMEOUT(gui.rounds.size() > roundsBefore, patience);
    QCOMPARE(gui.rounds.last(), SyncOutcome::Status::Done);
}

QTEST_GUILESS_MAIN(TestSyncWorker)
#include "tst_syncworker.moc"
