// SPDX-License-Identifier: GPL-3.0-or-later
// Offline editing in the main window, end to end: a rep signed in against the real
// branchline-server process loses the connection, edits a customer in the 360° view (it
// shows at once, marked pending, counted in the status bar), and the edit reaches the
// server with the next round once it is back; the marker and the count clear.
#include "MainWindow.h"
#include "ServerApi.h"
#include "ServerProcess.h"
#include "customers/CustomerListPage.h"
#include "customers/CustomerView.h"
#include "customers/CustomerWorkspace.h"
#include "itemmodels/CustomerListModel.h"
#include "keys/SecretBytes.h"
#include "session/Session.h"
#include "FakeKeyStore.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace branchline;
using namespace branchline::test;

namespace {

constexpr int patience = 60000;

QString labelText(QWidget *root, const char *name)
{
    auto *label = root->findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

} // namespace

class TestOfflineEdit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void editOfflineThenSync();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
};

void TestOfflineEdit::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
    m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("server.db")));
    QString error;
    QVERIFY2(m_server->seed(30, &error), qPrintable(error));
    QVERIFY(m_server->start());
}

void TestOfflineEdit::editOfflineThenSync()
{
    auto keys = std::make_shared<FakeKeyStore>();
    auto settings = std::make_shared<QSettings>(m_dir.filePath(QStringLiteral("accounts.ini")),
                                                QSettings::IniFormat);
    AccountRegistry registry(keys, settings, m_dir.filePath(QStringLiteral("stores")));
    Account account = registry.prepare(m_server->url(), QStringLiteral("zj.rep1"));
    Session session(account, registry);
    StoreKey key;
    key.secret = SecretBytes::random(32);
    QString error;
    QVERIFY2(session.open(std::move(key), true, &error), qPrintable(error));
    QSignalSpy firstSync(&session, &Session::firstSyncCompleted);
    session.signIn(QStringLiteral("zj.rep1"), QStringLiteral("Demo-Password-2026"));
    QTRY_VERIFY_WITH_TIMEOUT(!firstSync.isEmpty(), patience);

    MainWindow window(session);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    CustomerWorkspace *customers = window.customers();
    CustomerListModel *list = customers->listPage()->model();
    QTRY_VERIFY(list->rowCount() > 0);
    const QModelIndex first = list->index(0, 0);
    const QString id = first.data(CustomerListModel::IdRole).toString();
    QVERIFY(!id.isEmpty());
    QVERIFY(!first.data(CustomerListModel::PendingRole).toBool());

    // The connection drops: the next round fails and the status bar says offline.
    m_server->kill();
    QSignalSpy finished(&session, &Session::syncFinished);
    session.syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), patience);
    QTRY_VERIFY(!session.isOnline());
    const QString offlineText = labelText(&window, "onlineState");

    // Edit in the 360° view, save with the keyboard.
    customers->openCustomer(id);
    QVERIFY(customers->isShowingCustomer());
    CustomerView *view = customers->customerView();
    auto *notes = view->findChild<QPlainTextEdit *>(QStringLiteral("notes"));
    QVERIFY(notes);
    const QString written = QStringLiteral("在商户店里离线写的备注");
    notes->setPlainText(written);
    QVERIFY(view->hasUnsavedChanges());
    QVERIFY(view->save());
    QVERIFY(!view->hasUnsavedChanges());

    // It shows at once: pending in the list and counted below, nothing lost offline.
    QTRY_COMPARE(session.pendingEditCount(), 1);
    QVERIFY2(labelText(&window, "pendingEdits").contains(QLatin1Char('1')),
             qPrintable(labelText(&window, "pendingEdits")));
    customers->showList();
    const int row = [&] {
        for (int r = 0; r < list->rowCount(); ++r)
            if (list->index(r, 0).data(CustomerListModel::IdRole).toString() == id)
                return r;
        return -1;
    }();
    QVERIFY(row >= 0);
    QVERIFY(list->index(row, 0).data(CustomerListModel::PendingRole).toBool());
    QSqlQuery local(session.database());
    QVERIFY(local.exec(QStringLiteral("SELECT notes FROM customers WHERE id = '%1'").arg(id))
            && local.next());
    QCOMPARE(local.value(0).toString(), written);
    local.finish(); // an unfinished statement would pin this connection to an old snapshot

    // The server comes back and the rep presses the sync button (retries by backoff alone
    // are tst_syncworker's).
    QVERIFY(m_server->start());
    auto *syncButton = window.findChild<QAbstractButton *>(QStringLiteral("syncNow"));
    QVERIFY(syncButton);
    QTest::mouseClick(syncButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(session.isOnline() && session.pendingEditCount() == 0, patience);
    QVERIFY(labelText(&window, "onlineState") != offlineText);
    QTRY_VERIFY(!list->index(row, 0).data(CustomerListModel::PendingRole).toBool());
    const QString token = apiSignIn(m_server->url(), QStringLiteral("zj.manager"));
    QVERIFY(!token.isEmpty());
    const ApiAnswer answer =
            apiGet(m_server->url(), QStringLiteral("/api/v1/customers/") + id, token);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.body.value(QStringLiteral("notes")).toString(), written);
}

QTEST_MAIN(TestOfflineEdit)
#include "tst_offlineedit.moc"
