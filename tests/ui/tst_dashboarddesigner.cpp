// SPDX-License-Identifier: GPL-3.0-or-later
// The Dashboards section on the hand-computed fixture store (tests/models/DashboardFixture):
// built-in dashboards drawn from the QueryRunner, the designer's drag from the palette,
// move and resize by mouse, fields dragged onto the wells, undo and redo, drill-down to the
// 360° view, exports read back, and screenshots in both languages.
#include "ChartResultView.h"
#include "DashboardCanvas.h"
#include "DashboardDocument.h"
#include "DashboardFixture.h"
#include "DashboardView.h"
#include "DashboardsPage.h"
#include "DragHook.h"
#include "DrillDownDialog.h"
#include "FieldList.h"
#include "FieldWell.h"
#include "FileChooser.h"
#include "GridGeometry.h"
#include "ShareDashboardDialog.h"
#include "StoreFixture.h"
#include "TestFiles.h"
#include "TileFrame.h"
#include "Translations.h"
#include "WidgetEditor.h"
#include "WidgetExporter.h"
#include "WidgetPalette.h"
#include "dashboards/BuiltInDashboards.h"
#include "dashboards/DashboardRepository.h"
#include "dashboards/QueryRunner.h"

#include <QApplication>
#include <QChartView>
#include <QDragEnterEvent>
#include <QImage>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

using namespace branchline;

namespace {

Qt::DropAction deliver(const QMimeData *data, QWidget *target, const QPoint &at)
{
    QDragEnterEvent enter(at, Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return Qt::IgnoreAction;
    QDragMoveEvent move(at, Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &move);
    if (!move.isAccepted())
        return Qt::IgnoreAction;
    QDropEvent drop(QPointF(at), Qt::CopyAction, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted() ? drop.dropAction() : Qt::IgnoreAction;
}

// Presses on `start` in `source`, moves past the drag distance and lets go; the drag that
// starts is delivered to `target` at `at`.
Qt::DropAction dragFrom(QWidget *source, const QPoint &start, QWidget *target, const QPoint &at)
{
    Qt::DropAction done = Qt::IgnoreAction;
    DragHook::setRunner([&](QDrag *drag) {
        done = deliver(drag->mimeData(), target, at);
        return done;
    });
    const QPoint away = start + QPoint(QApplication::startDragDistance() * 3, 10);
    QTest::mousePress(source, Qt::LeftButton, Qt::NoModifier, start);
    QTest::mouseMove(source, start + QPoint(2, 2));
    QTest::mouseMove(source, away);
    QTest::mouseRelease(source, Qt::LeftButton, Qt::NoModifier, away);
    DragHook::setRunner({});
    return done;
}

// Drags with the left button from `from` to `to` (in `widget` as it is at the press), in a
// few steps. The widget follows the pointer, so each step is aimed at a fixed point on the
// screen, as a hand would, not at a point of the moving widget.
void mouseDrag(QWidget *widget, const QPoint &from, const QPoint &to)
{
    const QPoint globalFrom = widget->mapToGlobal(from);
    const QPoint globalTo = widget->mapToGlobal(to);
    QTest::mousePress(widget, Qt::LeftButton, Qt::NoModifier, from);
    for (int step = 1; step <= 4; ++step)
        QTest::mouseMove(widget, widget->mapFromGlobal(globalFrom + (globalTo - globalFrom) * step / 4));
    QTest::mouseRelease(widget, Qt::LeftButton, Qt::NoModifier, widget->mapFromGlobal(globalTo));
}

} // namespace

class TestDashboardDesigner : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void builtInDashboardsAreDrawn();
    void designerDropsMovesResizesAndUndoes();
    void fieldsDroppedOnWellsChangeTheQuery();
    void drillDownOpensTheCustomer();
    void exportsAreReadBack();
    void savesAndRefusesBadInput();
    void managerSharesWithABranchOfTheirs();
    void rendersInBothLanguages_data();
    void rendersInBothLanguages();

private:
    void waitIdle();

    std::unique_ptr<test::StoreFixture> m_store;
    std::unique_ptr<QueryRunner> m_runner;
    std::unique_ptr<DashboardsPage> m_page;
    QTemporaryDir m_files;
};

void TestDashboardDesigner::init()
{
    m_store = std::make_unique<test::StoreFixture>();
    QVERIFY(m_store->isOpen());
    QVERIFY(test::fillDashboardFixture(m_store->db()));
    m_runner = std::make_unique<QueryRunner>(m_store->path());
    QSignalSpy opened(m_runner.get(), &QueryRunner::opened);
    m_runner->open(test::testKey(), LocalStore::KeyKind::Raw);
    QVERIFY(opened.wait(5000));
    QVERIFY(opened.first().at(0).toBool());
    m_runner->setViewer(Role::BranchManager, QStringLiteral("u3"));
    m_page = std::make_unique<DashboardsPage>(m_store->db(), Role::BranchManager,
                                              QStringLiteral("u3"), m_runner.get());
    m_page->view()->setToday(test::dashboardToday());
    m_page->resize(1280, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    waitIdle();
}

void TestDashboardDesigner::cleanup()
{
    m_page.reset();
    m_runner.reset();
    m_store.reset();
}

void TestDashboardDesigner::waitIdle()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->view()->isBusy(), 10000);
}

void TestDashboardDesigner::builtInDashboardsAreDrawn()
{
    const QList<DashboardDefinition> builtIns = BuiltInDashboards::forRole(Role::BranchManager);
    QVERIFY(!builtIns.isEmpty());
    for (const DashboardDefinition &builtIn : builtIns) {
        QVERIFY(m_page->showDashboard(builtIn.id));
        waitIdle();
        DashboardView *view = m_page->view();
        QVERIFY(view->isReadOnly());
        QCOMPARE(view->canvas()->tiles().size(), builtIn.widgets.size());
        for (const WidgetDefinition &widget : builtIn.widgets) {
            const QueryResult result = view->resultOf(widget.id);
            QVERIFY2(result.ok(), qPrintable(widget.title + QStringLiteral(": ") + result.error));
            TileFrame *tile = view->canvas()->tile(widget.id);
            QCOMPARE(tile->title(), widget.title);
            // Either the chart or "no records", never an empty box.
            QVERIFY(tile->content() || !tile->message().isEmpty());
            QCOMPARE(view->canvas()->cellsOf(widget.id), QRect(widget.x, widget.y, widget.w, widget.h));
        }
    }
}

void TestDashboardDesigner::designerDropsMovesResizesAndUndoes()
{
    m_page->newDashboard();
    DashboardView *view = m_page->view();
    QVERIFY2(view->isEditing(), qPrintable(view->notice()));
    DashboardCanvas *canvas = view->canvas();
    QCOMPARE(canvas->tiles().size(), 0);

    // A bar chart dragged from the palette onto column 2, row 1.
    WidgetPalette *palette = view->palette();
    const QListWidgetItem *bar = palette->itemFor(WidgetType::Bar);
    palette->setCurrentItem(const_cast<QListWidgetItem *>(bar));
    const QPoint target = canvas->pixelRect(QRect(2, 1, 1, 1)).center();
    QCOMPARE(dragFrom(palette->viewport(), palette->visualItemRect(bar).center(), canvas, target),
             Qt::CopyAction);
    QCOMPARE(view->document()->definition().widgets.size(), 1);
    const QString id = view->document()->definition().widgets.first().id;
    QCOMPARE(canvas->cellsOf(id), QRect(2, 1, 4, 4));
    QCOMPARE(view->document()->definition().widgets.first().type, WidgetType::Bar);

    // Moved by its title bar two columns right and one row up.
    TileFrame *tile = canvas->tile(id);
    const GridGeometry grid(canvas->width());
    const QPoint grab = tile->handle()->mapTo(canvas, tile->handle()->rect().center());
    const QPoint moved = grab + QPoint(2 * grid.columnWidth(), -GridGeometry::RowHeight);
    QPoint local = tile->handle()->rect().center();
    mouseDrag(tile->handle(), local, local + (moved - grab));
    QCOMPARE(canvas->cellsOf(id), QRect(4, 0, 4, 4));

    // Resized by its corner grip one column wider and two rows taller.
    const QPoint gripAt = tile->grip()->rect().center();
    mouseDrag(tile->grip(), gripAt,
              gripAt + QPoint(grid.columnWidth(), 2 * GridGeometry::RowHeight));
    QCOMPARE(canvas->cellsOf(id), QRect(4, 0, 5, 6));
    const WidgetDefinition saved = view->document()->definition().widgets.first();
    QCOMPARE(QRect(saved.x, saved.y, saved.w, saved.h), QRect(4, 0, 5, 6));

    // Undo, step by step, and redo.
    QUndoStack *undo = view->document()->undoStack();
    undo->undo();
    QCOMPARE(canvas->cellsOf(id), QRect(4, 0, 4, 4));
    undo->undo();
    QCOMPARE(canvas->cellsOf(id), QRect(2, 1, 4, 4));
    undo->undo();
    QCOMPARE(canvas->tiles().size(), 0);
    undo->redo();
    undo->redo();
    undo->redo();
    QCOMPARE(canvas->cellsOf(id), QRect(4, 0, 5, 6));

    // A second widget dropped onto the first pushes the first down, nothing overlaps.
    const QListWidgetItem *kpi = palette->itemFor(WidgetType::Kpi);
    palette->setCurrentItem(const_cast<QListWidgetItem *>(kpi));
    QCOMPARE(dragFrom(palette->viewport(), palette->visualItemRect(kpi).center(), canvas,
                      canvas->pixelRect(QRect(5, 0, 1, 1)).center()),
             Qt::CopyAction);
    QCOMPARE(view->document()->definition().validate(), QString());
    QCOMPARE(canvas->cellsOf(id).top(), 2);
}

void TestDashboardDesigner::fieldsDroppedOnWellsChangeTheQuery()
{
    m_page->newDashboard();
    DashboardView *view = m_page->view();
    view->addWidget(WidgetType::Bar, QRect(0, 0, 6, 4));
    const QString id = view->document()->definition().widgets.first().id;
    view->canvas()->select(id);
    WidgetEditor *editor = view->editor();
    FieldList *fields = editor->fieldList();
    const QString dataSet = view->document()->widget(id)->query.dataSet;
    QTreeWidgetItem *branch = fields->itemFor(FieldList::Kind::Dimension, QStringLiteral("branch"));
    QVERIFY2(branch, qPrintable(dataSet));
    fields->setCurrentItem(branch);
    const QPoint from = fields->visualItemRect(branch).center();
    FieldWell *axes = editor->axesWell();
    QCOMPARE(dragFrom(fields->viewport(), from, axes->viewport(), axes->viewport()->rect().center()),
             Qt::CopyAction);
    const QuerySpec query = view->document()->widget(id)->query;
    QCOMPARE(query.dimensions.size(), 1);
    QCOMPARE(query.dimensions.first().field, QStringLiteral("branch"));
    QCOMPARE(axes->count(), 1);
    // A dimension is refused by the values well.
    FieldWell *values = editor->valuesWell();
    fields->setCurrentItem(branch);
    QCOMPARE(dragFrom(fields->viewport(), from, values->viewport(), values->viewport()->rect().center()),
             Qt::IgnoreAction);
    // The live preview: the widget ran again and draws a bar per branch.
    waitIdle();
    const QueryResult result = view->resultOf(id);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.dimensionCount(), 1);
    auto *chart = qobject_cast<ChartResultView *>(view->canvas()->tile(id)->content());
    QVERIFY(chart);
    QCOMPARE(chart->data().categories.size(), result.rowCount());
    // Undo takes the field off again.
    view->document()->undoStack()->undo();
    QCOMPARE(view->document()->widget(id)->query.dimensions.size(), 0);
    QCOMPARE(axes->count(), 0);
}

void TestDashboardDesigner::drillDownOpensTheCustomer()
{
    m_page->newDashboard();
    DashboardView *view = m_page->view();
    view->addWidget(WidgetType::Bar, QRect(0, 0, 8, 5));
    const QString id = view->document()->definition().widgets.first().id;
    WidgetDefinition widget = *view->document()->widget(id);
    widget.query = QuerySpec();
    widget.query.dataSet = QStringLiteral("customers");
    widget.query.dimensions = { DimensionSpec{ QStringLiteral("branch"), DateBucket::None } };
    widget.query.measures = { MeasureSpec() };
    view->document()->replaceWidget(widget);
    view->setEditing(false);
    waitIdle();
    auto *chart = qobject_cast<ChartResultView *>(view->canvas()->tile(id)->content());
    QVERIFY(chart);
    QVERIFY(chart->data().categories.size() > 0);
    QList<DrillDownDialog *> opened;
    connect(view, &DashboardView::drillDownOpened, this,
            [&opened](DrillDownDialog *dialog) { opened << dialog; });
    QSignalSpy customer(m_page.get(), &DashboardsPage::customerOpened);
    // A real click on the first bar.
    QTest::mouseClick(chart->chartView()->viewport(), Qt::LeftButton, Qt::NoModifier,
                      chart->pointOf(0, 0));
    QCOMPARE(opened.size(), 1);
    DrillDownDialog *dialog = opened.first();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isLoading(), 10000);
    const int expected = int(chart->data().series.first().values.first().value_or(0));
    QCOMPARE(dialog->list()->topLevelItemCount(), expected);
    QVERIFY(expected > 0);
    dialog->list()->setCurrentItem(dialog->list()->topLevelItem(0));
    QTest::keyClick(dialog->list(), Qt::Key_Return);
    QCOMPARE(customer.size(), 1);
    QVERIFY(!customer.first().at(0).toString().isEmpty());
}

void TestDashboardDesigner::exportsAreReadBack()
{
    const QList<DashboardDefinition> builtIns = BuiltInDashboards::forRole(Role::BranchManager);
    QVERIFY(m_page->showDashboard(builtIns.first().id));
    waitIdle();
    DashboardView *view = m_page->view();
    QString id;
    for (const WidgetDefinition &w : builtIns.first().widgets) {
        if (view->resultOf(w.id).rowCount() > 0) {
            id = w.id;
            break;
        }
    }
    QVERIFY(!id.isEmpty());
    const QueryResult result = view->resultOf(id);

    const QString csv = m_files.filePath(QStringLiteral("w.csv"));
    FileChooser::setNextPath(csv);
    QVERIFY2(view->exportWidget(id, DashboardView::Format::Csv), qPrintable(view->notice()));
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QByteArray bytes = csvFile.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF")); // the byte-order mark Excel needs
    const QString text = QString::fromUtf8(bytes.mid(3));
    const QStringList lines = text.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), result.rowCount() + 1);
    QVERIFY(lines.first().contains(result.columns.first().label));

    const QString xlsx = m_files.filePath(QStringLiteral("w.xlsx"));
    FileChooser::setNextPath(xlsx);
    QVERIFY2(view->exportWidget(id, DashboardView::Format::Xlsx), qPrintable(view->notice()));
    QProcess unzip;
    unzip.start(QStringLiteral("unzip"), { QStringLiteral("-p"), xlsx, QStringLiteral("xl/sharedStrings.xml") });
    QVERIFY(unzip.waitForFinished(10000));
    const QString strings = QString::fromUtf8(unzip.readAllStandardOutput());
    QVERIFY2(strings.contains(result.columns.last().label.toHtmlEscaped()), qPrintable(strings));
    unzip.start(QStringLiteral("unzip"), { QStringLiteral("-p"), xlsx, QStringLiteral("xl/worksheets/sheet1.xml") });
    QVERIFY(unzip.waitForFinished(10000));
    const QString sheet = QString::fromUtf8(unzip.readAllStandardOutput());
    // One row per result row under the header, and the first measure as a number.
    QCOMPARE(sheet.count(QStringLiteral("<row ")), result.rowCount() + 1);
    const double first = WidgetExporter::exportedNumber(result, 0, result.dimensionCount()).toDouble();
    QVERIFY2(sheet.contains(QStringLiteral("<v>%1</v>").arg(first)), qPrintable(sheet));

    const QString png = m_files.filePath(QStringLiteral("w.png"));
    FileChooser::setNextPath(png);
    QVERIFY(view->exportWidget(id, DashboardView::Format::Png));
    QVERIFY(!QImage(png).isNull());
    const QString pdf = m_files.filePath(QStringLiteral("d.pdf"));
    FileChooser::setNextPath(pdf);
    QVERIFY(view->exportDashboard(DashboardView::Format::Pdf));
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(pdfFile.read(5) == "%PDF-");
    // Cancelled: nothing written.
    FileChooser::setNextPath(QString());
    QVERIFY(!view->exportWidget(id, DashboardView::Format::Csv));
}

void TestDashboardDesigner::savesAndRefusesBadInput()
{
    m_page->newDashboard();
    DashboardView *view = m_page->view();
    const QString id = m_page->currentId();
    QVERIFY(!id.isEmpty());
    view->addWidget(WidgetType::Kpi, QRect(0, 0, 3, 2));
    QVERIFY(view->document()->isModified());
    // Leaving with unsaved changes is refused with a message; nothing is lost.
    const QList<DashboardDefinition> builtIns = BuiltInDashboards::forRole(Role::BranchManager);
    QVERIFY(!m_page->showDashboard(builtIns.first().id));
    QVERIFY(!view->notice().isEmpty());
    QCOMPARE(view->document()->definition().widgets.size(), 1);
    // An empty name is refused by the definition's own rules.
    view->document()->setName(QString());
    QTest::mouseClick(view->findChild<QWidget *>(QStringLiteral("saveButton")), Qt::LeftButton);
    QVERIFY(!view->notice().isEmpty());
    QVERIFY(view->document()->isModified());
    view->document()->setName(QStringLiteral("Mine"));
    QTest::mouseClick(view->findChild<QWidget *>(QStringLiteral("saveButton")), Qt::LeftButton);
    QCOMPARE(view->notice(), QString());
    QVERIFY(!view->document()->isModified());
    const auto stored = DashboardRepository(m_store->db(), QStringLiteral("u3"), Role::BranchManager).find(id);
    QVERIFY(stored);
    QCOMPARE(stored->definition.widgets.size(), 1);
    QCOMPARE(stored->definition.name, QStringLiteral("Mine"));
}

void TestDashboardDesigner::rendersInBothLanguages_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
}

void TestDashboardDesigner::rendersInBothLanguages()
{
    QFETCH(QString, language);
    Translations::install(*qApp, language);
    // Built anew so every text is in the language.
    m_page = std::make_unique<DashboardsPage>(m_store->db(), Role::BranchManager,
                                              QStringLiteral("u3"), m_runner.get());
    m_page->view()->setToday(test::dashboardToday());
    m_page->resize(1280, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    const QString directory = qEnvironmentVariable("BRANCHLINE_SCREENSHOT_DIR");
    int n = 0;
    for (const DashboardDefinition &builtIn : BuiltInDashboards::forRole(Role::BranchManager)) {
        QVERIFY(m_page->showDashboard(builtIn.id));
        waitIdle();
        QTest::qWait(50);
        const QPixmap picture = m_page->grab();
        QVERIFY(!picture.isNull());
        if (!directory.isEmpty())
            QVERIFY(picture.save(QStringLiteral("%1/dashboards-manager-%2-%3.png")
                                         .arg(directory, QString::number(++n), language)));
    }
    // A sales rep's built-ins, seen by 王芳 (u1): her own pipeline, tasks and merchants.
    m_runner->setViewer(Role::SalesRep, QStringLiteral("u1"));
    {
        DashboardsPage repPage(m_store->db(), Role::SalesRep, QStringLiteral("u1"),
                               m_runner.get());
        repPage.view()->setToday(test::dashboardToday());
        repPage.resize(1280, 800);
        repPage.show();
        QVERIFY(QTest::qWaitForWindowExposed(&repPage));
        int r = 0;
        for (const DashboardDefinition &builtIn : BuiltInDashboards::forRole(Role::SalesRep)) {
            QVERIFY(repPage.showDashboard(builtIn.id));
            QTRY_VERIFY_WITH_TIMEOUT(!repPage.view()->isBusy(), 10000);
            for (const WidgetDefinition &widget : builtIn.widgets)
                QVERIFY2(repPage.view()->resultOf(widget.id).ok(),
                         qPrintable(widget.title + QStringLiteral(": ")
                                    + repPage.view()->resultOf(widget.id).error));
            QTest::qWait(50);
            if (!directory.isEmpty())
                QVERIFY(repPage.grab().save(QStringLiteral("%1/dashboards-rep-%2-%3.png")
                                                    .arg(directory, QString::number(++r),
                                                         language)));
        }
    }
    m_runner->setViewer(Role::BranchManager, QStringLiteral("u3"));
    // The designer, with its palette and wells, on a dashboard of one's own.
    m_page->newDashboard();
    m_page->view()->addWidget(WidgetType::Bar, QRect(0, 0, 6, 4));
    m_page->view()->canvas()->select(m_page->view()->document()->definition().widgets.first().id);
    waitIdle();
    if (!directory.isEmpty())
        QVERIFY(m_page->grab().save(QStringLiteral("%1/dashboards-designer-%2.png").arg(directory, language)));
    Translations::install(*qApp, QStringLiteral("en"));
}

void TestDashboardDesigner::managerSharesWithABranchOfTheirs()
{
    m_page->newDashboard();
    m_page->view()->setEditing(false);
    const QString id = m_page->currentId();
    QVERIFY(!id.isEmpty());
    auto *share = m_page->findChild<QPushButton *>(QStringLiteral("shareDashboard"));
    QVERIFY(share && share->isVisible() && share->isEnabled());

    // The dialog is modal: tick the first branch it offers from inside its event loop.
    QString chosen;
    int offered = 0;
    QTimer::singleShot(0, m_page.get(), [&chosen, &offered] {
        auto *dialog = qobject_cast<ShareDashboardDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        QVERIFY(!dialog->roleList()); // a manager shares with branches, not roles
        offered = dialog->branchList()->count();
        if (offered > 0) {
            QListWidgetItem *first = dialog->branchList()->item(0);
            first->setCheckState(Qt::Checked);
            chosen = dialog->branches().value(0);
        }
        const QString screenshots = qEnvironmentVariable("BRANCHLINE_SCREENSHOT_DIR");
        if (!screenshots.isEmpty())
            dialog->grab().save(screenshots + QStringLiteral("/dashboards-share-en.png"));
        dialog->accept();
    });
    QTest::mouseClick(share, Qt::LeftButton);
    DashboardRepository repository(m_store->db(), QStringLiteral("u3"), Role::BranchManager);
    QCOMPARE(offered, int(repository.shareableBranches().size()));
    QVERIFY(!chosen.isEmpty());
    const std::optional<SavedDashboard> saved = repository.find(id);
    QVERIFY(saved);
    QCOMPARE(saved->definition.sharedBranches, QStringList{ chosen });
    QVERIFY(saved->pending); // queued for the server, like every edit

    // A sales rep shares nothing: no button at all.
    DashboardsPage repPage(m_store->db(), Role::SalesRep, QStringLiteral("u1"), m_runner.get());
    QVERIFY(!repPage.findChild<QPushButton *>(QStringLiteral("shareDashboard"))->isVisibleTo(&repPage));
}

QTEST_MAIN(TestDashboardDesigner)
#include "tst_dashboarddesigner.moc"
