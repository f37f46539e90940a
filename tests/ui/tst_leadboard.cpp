// SPDX-License-Identifier: GPL-3.0-or-later
// The leads board clicked and dragged through offscreen: a card picked up with the mouse and
// dropped on another column changes the lead in the store with its outbox row and shows at
// once, marked pending; "lost" asks why, "converted" converts; a role that may not edit
// leads picks nothing up. The offscreen platform carries no drag, so LeadCardView's drag
// runner hands the drag's own data to the target column as drag-enter, drag-move and drop
// events (see LeadCardView::setDragRunner).
#include "ConvertLeadDialog.h"
#include "DemoLeads.h"
#include "LeadBoard.h"
#include "LeadCardView.h"
#include "LeadsPage.h"
#include "LostReasonDialog.h"
#include "StoreFixture.h"
#include "TypeText.h"
#include "itemmodels/LeadColumnModel.h"
#include "itemmodels/LeadListModel.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDrag>
#include <QDropEvent>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace branchline;

namespace {

// What one drag came to: whether the mouse picked a card up, and what the target did with it.
struct Dragged
{
    bool started = false;
    Qt::DropAction action = Qt::IgnoreAction;
};

// Sends a drag's data to `viewport` as a platform would: enter, move, drop.
Qt::DropAction deliver(const QMimeData *data, QWidget *viewport)
{
    const QPoint at = viewport->rect().center();
    QDragEnterEvent enter(at, Qt::MoveAction, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    if (!enter.isAccepted())
        return Qt::IgnoreAction;
    QDragMoveEvent move(at, Qt::MoveAction, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    if (!move.isAccepted())
        return Qt::IgnoreAction;
    QDropEvent drop(QPointF(at), Qt::MoveAction, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &drop);
    return drop.isAccepted() ? drop.dropAction() : Qt::IgnoreAction;
}

// Presses the mouse on a lead's card, moves it past the drag distance and lets go; the
// drag that starts is dropped on `target`.
Dragged dragCard(LeadBoard *board, const QString &leadId, LeadStatus from, LeadStatus target)
{
    Dragged dragged;
    QWidget *targetViewport = board->column(target)->viewport();
    LeadCardView::setDragRunner([&](QDrag *drag) {
        dragged.started = true;
        dragged.action = deliver(drag->mimeData(), targetViewport);
        return dragged.action;
    });
    LeadCardView *view = board->column(from);
    LeadColumnModel *model = board->model(from);
    const int row = model->rowOf(leadId);
    [&] { QVERIFY2(row >= 0, qPrintable(leadId)); }();
    const QPoint start = view->visualRect(model->index(row, 0)).center();
    const QPoint away = start + QPoint(QApplication::startDragDistance() * 3, 20);
    QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::NoModifier, start);
    QTest::mouseMove(view->viewport(), start + QPoint(2, 2));
    QTest::mouseMove(view->viewport(), away);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, Qt::NoModifier, away);
    LeadCardView::setDragRunner({});
    return dragged;
}

QString status(const QSqlDatabase &db, const QString &leadId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT status FROM leads WHERE id = ?"));
    query.addBindValue(leadId);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

// The outbox rows of one lead, oldest first, as "op {fields}".
QStringList outboxOf(const QSqlDatabase &db, const QString &leadId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT op, fields FROM outbox WHERE record_id = ? "
                                 "ORDER BY mutation"));
    query.addBindValue(leadId);
    QStringList rows;
    if (query.exec())
        while (query.next())
            rows << query.value(0).toString() + QLatin1Char(' ') + query.value(1).toString();
    return rows;
}

} // namespace

class TestLeadBoard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void dragMovesTheLead();
    void dropOnLostAsksWhy();
    void dropOnConvertedConverts();
    void readOnlyRolesPickNothingUp();
    void managersMoveButDoNotConvert();
    void listShowsTheSameLeads();

private:
    std::unique_ptr<LeadsPage> makePage(Role role);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<test::StoreFixture> m_fixture;
    test::DemoBook m_book;
    QHash<QString, QString> m_leads;
};

void TestLeadBoard::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
}

void TestLeadBoard::init()
{
    m_fixture = std::make_unique<test::StoreFixture>();
    QVERIFY(m_fixture->isOpen());
    m_book = test::seedDemoBook(m_fixture->db(), 20);
    m_leads = test::addDemoLeads(m_fixture->db(), m_book);
    QCOMPARE(m_leads.size(), 13);
}

void TestLeadBoard::cleanup()
{
    LeadCardView::setDragRunner({});
    m_fixture.reset();
}

std::unique_ptr<LeadsPage> TestLeadBoard::makePage(Role role)
{
    auto page = std::make_unique<LeadsPage>(m_fixture->db(), role, m_book.repWang);
    page->showBoard(true);
    page->resize(1280, 720);
    page->show();
    [&] { QVERIFY(QTest::qWaitForWindowExposed(page.get())); }();
    return page;
}

void TestLeadBoard::dragMovesTheLead()
{
    std::unique_ptr<LeadsPage> page = makePage(Role::SalesRep);
    LeadBoard *board = page->board();
    QSignalSpy pending(page.get(), &LeadsPage::pendingEditsChanged);
    const QString lead = m_leads.value(QStringLiteral("黄伟"));
    const qint64 newBefore = board->model(LeadStatus::New)->totalCount();
    const qint64 contactedBefore = board->model(LeadStatus::Contacted)->totalCount();
    QVERIFY(!board->model(LeadStatus::Contacted)->index(0, 0).data().toString().isEmpty());
    QVERIFY(outboxOf(m_fixture->db(), lead).isEmpty());

    const Dragged dragged = dragCard(board, lead, LeadStatus::New, LeadStatus::Contacted);
    QVERIFY(dragged.started); // the mouse picked the card up
    QCOMPARE(dragged.action, Qt::MoveAction); // the column took it
    // Saved once the drag is over, offline, with its outbox row.
    QTRY_COMPARE(status(m_fixture->db(), lead), QStringLiteral("contacted"));
    QCOMPARE(outboxOf(m_fixture->db(), lead),
             QStringList{ QStringLiteral("update {\"status\":\"contacted\"}") });
    QCOMPARE(pending.size(), 1);

    // Shown at once: on top of its new column, marked pending, the counts moved with it.
    LeadColumnModel *contacted = board->model(LeadStatus::Contacted);
    QCOMPARE(contacted->rowOf(lead), 0);
    QVERIFY(contacted->index(0, 0).data(LeadColumnModel::PendingRole).toBool());
    QCOMPARE(board->model(LeadStatus::New)->rowOf(lead), -1);
    QCOMPARE(board->model(LeadStatus::New)->totalCount(), newBefore - 1);
    QCOMPARE(contacted->totalCount(), contactedBefore + 1);
    auto *header = board->findChild<QLabel *>(QStringLiteral("header_contacted"));
    QVERIFY2(header->text().contains(QLocale().toString(contactedBefore + 1)),
             qPrintable(header->text()));
    QCOMPARE(board->currentLeadId(), lead); // still selected where it landed

    // Dropped back on its own column, nothing happens.
    const Dragged again = dragCard(board, lead, LeadStatus::Contacted, LeadStatus::Contacted);
    QVERIFY(again.started);
    QCOMPARE(again.action, Qt::IgnoreAction);
    QCOMPARE(outboxOf(m_fixture->db(), lead).size(), 1);
}

void TestLeadBoard::dropOnLostAsksWhy()
{
    std::unique_ptr<LeadsPage> page = makePage(Role::SalesRep);
    const QString lead = m_leads.value(QStringLiteral("吴艳"));
    QCOMPARE(dragCard(page->board(), lead, LeadStatus::Contacted, LeadStatus::Lost).action,
             Qt::MoveAction);
    LostReasonDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page->findChild<LostReasonDialog *>()) && dialog->isVisible());
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled()); // no reason, no loss
    // Cancelled: the lead stays where it was.
    dialog->reject();
    QTest::qWait(0);
    QCOMPARE(status(m_fixture->db(), lead), QStringLiteral("contacted"));
    QVERIFY(outboxOf(m_fixture->db(), lead).isEmpty());

    QCOMPARE(dragCard(page->board(), lead, LeadStatus::Contacted, LeadStatus::Lost).action,
             Qt::MoveAction);
    QTRY_VERIFY((dialog = page->findChild<LostReasonDialog *>()) && dialog->isVisible());
    auto *reason = dialog->findChild<QComboBox *>(QStringLiteral("reason"));
    reason->lineEdit()->insert(QStringLiteral("费率谈不拢"));
    ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_COMPARE(status(m_fixture->db(), lead), QStringLiteral("lost"));
    QSqlQuery notes(m_fixture->db());
    notes.prepare(QStringLiteral("SELECT notes FROM leads WHERE id = ?"));
    notes.addBindValue(lead);
    QVERIFY(notes.exec() && notes.next());
    QVERIFY2(notes.value(0).toString().endsWith(QStringLiteral("费率谈不拢")),
             qPrintable(notes.value(0).toString()));
    QCOMPARE(outboxOf(m_fixture->db(), lead).size(), 1);
    QCOMPARE(page->board()->model(LeadStatus::Lost)->rowOf(lead), 0);
}

void TestLeadBoard::dropOnConvertedConverts()
{
    std::unique_ptr<LeadsPage> page = makePage(Role::SalesRep);
    const QString lead = m_leads.value(QStringLiteral("杨超"));
    QCOMPARE(dragCard(page->board(), lead, LeadStatus::Qualified, LeadStatus::Converted).action,
             Qt::MoveAction);
    // Not a plain status change: the conversion dialog, nothing saved yet.
    ConvertLeadDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page->findChild<ConvertLeadDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("legalName"))->text(),
             QStringLiteral("天成酒店"));
    QCOMPARE(status(m_fixture->db(), lead), QStringLiteral("qualified"));
    dialog->reject();
    QTest::qWait(0);
    QCOMPARE(status(m_fixture->db(), lead), QStringLiteral("qualified"));
    QVERIFY(outboxOf(m_fixture->db(), lead).isEmpty());

    // Dropped again and converted: the customer opens.
    QSignalSpy opened(page.get(), &LeadsPage::customerOpened);
    QVERIFY(dragCard(page->board(), lead, LeadStatus::Qualified, LeadStatus::Converted).started);
    QTRY_VERIFY((dialog = page->findChild<ConvertLeadDialog *>()) && dialog->isVisible());
    dialog->findChild<QLineEdit *>(QStringLiteral("creditCode"))->insert(test::validCreditCode(5));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("convert")), Qt::LeftButton);
    QTRY_COMPARE(status(m_fixture->db(), lead), QStringLiteral("converted"));
    QCOMPARE(opened.size(), 1);
    QCOMPARE(page->board()->model(LeadStatus::Converted)->rowOf(lead), 0);
    // A converted card stays in its column: the mouse picks nothing up there.
    const Dragged stuck = dragCard(page->board(), lead, LeadStatus::Converted, LeadStatus::New);
    QVERIFY(!stuck.started);
    QCOMPARE(status(m_fixture->db(), lead), QStringLiteral("converted"));
}

void TestLeadBoard::readOnlyRolesPickNothingUp()
{
    for (const Role role : { Role::RiskOfficer, Role::Admin }) {
        std::unique_ptr<LeadsPage> page = makePage(role);
        LeadBoard *board = page->board();
        const QString lead = m_leads.value(QStringLiteral("陈志强"));
        const Dragged dragged = dragCard(board, lead, LeadStatus::New, LeadStatus::Contacted);
        QVERIFY(!dragged.started);
        // Nor does a column take a card dropped from elsewhere.
        QMimeData data;
        data.setData(LeadColumnModel::mimeType(), ("new " + lead).toUtf8());
        for (const LeadStatus target : RecordEnums::all<LeadStatus>()) {
            QVERIFY(!board->column(target)->acceptsCards());
            QCOMPARE(deliver(&data, board->column(target)->viewport()), Qt::IgnoreAction);
        }
        QTest::qWait(0);
        QCOMPARE(status(m_fixture->db(), lead), QStringLiteral("new"));
        QVERIFY(outboxOf(m_fixture->db(), lead).isEmpty());
        QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("convertLead"))->isEnabled());
    }
}

void TestLeadBoard::managersMoveButDoNotConvert()
{
    std::unique_ptr<LeadsPage> page = makePage(Role::BranchManager);
    LeadBoard *board = page->board();
    QVERIFY(!board->column(LeadStatus::Converted)->acceptsCards());
    const QString lead = m_leads.value(QStringLiteral("李明"));
    QCOMPARE(dragCard(board, lead, LeadStatus::Qualified, LeadStatus::Converted).action,
             Qt::IgnoreAction);
    QTest::qWait(0);
    QVERIFY(!page->findChild<ConvertLeadDialog *>());
    QCOMPARE(dragCard(board, lead, LeadStatus::Qualified, LeadStatus::Contacted).action,
             Qt::MoveAction);
    QTRY_COMPARE(status(m_fixture->db(), lead), QStringLiteral("contacted"));
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("convertLead"))->isEnabled());
}

void TestLeadBoard::listShowsTheSameLeads()
{
    std::unique_ptr<LeadsPage> page = makePage(Role::SalesRep);
    QTest::mouseClick(page->findChild<QToolButton *>(QStringLiteral("showList")), Qt::LeftButton);
    QVERIFY(!page->isShowingBoard());
    QTableView *table = page->list();
    QVERIFY(table->isVisible());
    QCOMPARE(table->model()->rowCount(), 14); // the book's lead and the pipeline's thirteen
    // Newest change first: the move made here, pending.
    QCOMPARE(table->model()->index(0, LeadListModel::Name).data().toString(),
             QStringLiteral("马建华"));
    QVERIFY(table->model()->index(0, 0).data(LeadListModel::PendingRole).toBool());

    // The search box narrows both views.
    test::typeText(page->findChild<QLineEdit *>(QStringLiteral("search")), QStringLiteral("天成"));
    QTRY_COMPARE(table->model()->rowCount(), 1);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier,
                      table->visualRect(table->model()->index(0, 1)).center());
    QVERIFY(page->findChild<QPushButton *>(QStringLiteral("convertLead"))->isEnabled());
    QTest::mouseClick(page->findChild<QToolButton *>(QStringLiteral("showBoard")),
                      Qt::LeftButton);
    QVERIFY(page->isShowingBoard());
    QCOMPARE(page->board()->model(LeadStatus::Qualified)->totalCount(), 1);
    QCOMPARE(page->board()->model(LeadStatus::New)->totalCount(), 0);
    // The choice is remembered for the next start.
    QVERIFY(QSettings().value(QStringLiteral("leads/showBoard")).toBool());
}

QTEST_MAIN(TestLeadBoard)
#include "tst_leadboard.moc"
