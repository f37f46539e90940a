// SPDX-License-Identifier: GPL-3.0-or-later
// Dashboard definitions as they are saved and shared: JSON both ways, every rule a saved
// dashboard keeps (with a message for each broken one), and the built-in dashboards, which
// must compile for every role that gets them and give the hand-computed figures.
#include "DashboardFixture.h"
#include "StoreFixture.h"
#include "dashboards/BuiltInDashboards.h"
#include "dashboards/QueryCompiler.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <functional>

using namespace branchline;
using namespace branchline::test;

namespace {

DashboardDefinition sample()
{
    DashboardDefinition dashboard;
    dashboard.id = "d1";
    dashboard.name = QStringLiteral("我的仪表盘");
    dashboard.ownerId = "u1";
    dashboard.dateRange = { RelativePeriod::None, QDate(2026, 1, 1), QDate(2026, 3, 31) };
    dashboard.branchId = "B1";
    dashboard.sharedRoles = { "branch_manager" };
    dashboard.sharedBranches = { "B2" };
    WidgetDefinition kpi;
    kpi.id = "w1";
    kpi.type = WidgetType::Kpi;
    kpi.title = QStringLiteral("交易额");
    kpi.x = 0;
    kpi.y = 0;
    kpi.w = 3;
    kpi.h = 2;
    kpi.comparePrevious = true;
    kpi.query.dataSet = "merchant_volumes";
    MeasureSpec ratio;
    ratio.aggregate = Aggregate::Ratio;
    ratio.numerator = { Aggregate::Sum, "refunds" };
    ratio.denominator = { Aggregate::Sum, "volume" };
    ratio.label = QStringLiteral("退款率");
    kpi.query.measures = { MeasureSpec{ Aggregate::Sum, "volume", {}, {}, {} }, ratio };
    FilterSpec mine{ "owner", FilterOp::CurrentUser, {}, {}, {}, RelativePeriod::None };
    FilterSpec some{
        "risk_level", FilterOp::In, { "low", QVariant() }, {}, {}, RelativePeriod::None
    };
    FilterSpec days{ "date", FilterOp::Range, {}, "2026-01-01", {}, RelativePeriod::None };
    FilterSpec recent{ "date", FilterOp::RelativeDate, {}, {}, {}, RelativePeriod::Last90Days };
    kpi.query.filters = { mine, some, days, recent };
    WidgetDefinition bars = kpi;
    bars.id = "w2";
    bars.type = WidgetType::StackedBar;
    bars.x = 3;
    bars.w = 9;
    bars.h = 4;
    bars.comparePrevious = false;
    bars.query.dimensions = { { "date", DateBucket::Quarter }, { "branch", DateBucket::None } };
    bars.query.sort = { { SortSpec::By::Measure, 1, false }, { SortSpec::By::Dimension, 0, true } };
    bars.query.limit = 20;
    dashboard.widgets = { kpi, bars };
    return dashboard;
}

QJsonObject edited(const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject json = sample().toJson();
    edit(json);
    return json;
}

QJsonObject editedWidget(int index, const std::function<void(QJsonObject &)> &edit)
{
    return edited([&](QJsonObject &json) {
        QJsonArray widgets = json.value("widgets").toArray();
        QJsonObject widget = widgets.at(index).toObject();
        edit(widget);
        widgets[index] = widget;
        json["widgets"] = widgets;
    });
}

QJsonObject editedQuery(const std::function<void(QJsonObject &)> &edit)
{
    return editedWidget(1, [&](QJsonObject &widget) {
        QJsonObject query = widget.value("query").toObject();
        edit(query);
        widget["query"] = query;
    });
}

} // namespace

class TestDashboardDefinition : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void refusals_data();
    void refusals();
    void refusesOversizedAndDamagedText();
    void builtInsCompileForTheirRoles();
    void builtInFigures_data();
    void builtInFigures();
};

void TestDashboardDefinition::roundTrip()
{
    const DashboardDefinition original = sample();
    QCOMPARE(original.validate(), QString());
    QString error;
    const auto copy = DashboardDefinition::fromJsonText(original.toJsonText(), &error);
    QVERIFY2(copy, qPrintable(error));
    QCOMPARE(copy->toJson(), original.toJson());
    QCOMPARE(copy->name, original.name);
    QCOMPARE(copy->dateRange, original.dateRange);
    QCOMPARE(copy->sharedRoles, original.sharedRoles);
    QCOMPARE(copy->widgets.size(), 2);
    QCOMPARE(copy->widgets.at(0).query, original.widgets.at(0).query);
    QCOMPARE(copy->widgets.at(1).query, original.widgets.at(1).query);
    QVERIFY(copy->widgets.at(0).comparePrevious);
    QCOMPARE(copy->widgets.at(1).type, WidgetType::StackedBar);
    QCOMPARE(copy->widgets.at(0).query.filters.at(1).values.at(1), QVariant());
    QCOMPARE(copy->widgets.at(0).query.measures.at(1).label, QStringLiteral("退款率"));
    QCOMPARE(copy->widget("w2")->w, 9);
    QVERIFY(!copy->widget("w3"));
    for (const WidgetType type : { WidgetType::Kpi, WidgetType::Bar, WidgetType::StackedBar,
                                   WidgetType::Line, WidgetType::Area, WidgetType::Pie,
                                   WidgetType::Donut, WidgetType::Table, WidgetType::Pivot }) {
        QCOMPARE(widgetTypeFromCode(widgetTypeCode(type)), type);
        QVERIFY(!widgetTypeLabel(type).isEmpty());
    }
}

void TestDashboardDefinition::refusals_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::newRow("no name") << edited([](QJsonObject &j) { j["name"] = "  "; });
    QTest::newRow("long name") << edited([](QJsonObject &j) { j["name"] = QString(121, 'x'); });
    QTest::newRow("newer format") << edited([](QJsonObject &j) { j["format"] = 2; });
    QTest::newRow("unknown role") << edited(
            [](QJsonObject &j) { j["shared_roles"] = QJsonArray{ "boss" }; });
    QTest::newRow("branches not a list")
            << edited([](QJsonObject &j) { j["shared_branches"] = "B2"; });
    QTest::newRow("backwards dates") << edited([](QJsonObject &j) {
        j["date_range"] = QJsonObject{ { "from", "2026-03-01" }, { "to", "2026-01-01" } };
    });
    QTest::newRow("unknown period") << edited([](QJsonObject &j) {
        j["date_range"] = QJsonObject{ { "period", "soon" } };
    });
    QTest::newRow("duplicate widget id") << editedWidget(1, [](QJsonObject &w) { w["id"] = "w1"; });
    QTest::newRow("no widget id") << editedWidget(1, [](QJsonObject &w) { w["id"] = ""; });
    QTest::newRow("past the 12th column") << editedWidget(1, [](QJsonObject &w) { w["x"] = 4; });
    QTest::newRow("negative row") << editedWidget(1, [](QJsonObject &w) { w["y"] = -1; });
    QTest::newRow("no width") << editedWidget(1, [](QJsonObject &w) { w["w"] = 0; });
    QTest::newRow("width as text") << editedWidget(1, [](QJsonObject &w) { w["w"] = "9"; });
    QTest::newRow("too tall") << editedWidget(1, [](QJsonObject &w) { w["h"] = 201; });
    QTest::newRow("overlap") << editedWidget(1, [](QJsonObject &w) {
        w["x"] = 2;
        w["w"] = 4;
    });
    QTest::newRow("unknown type") << editedWidget(1, [](QJsonObject &w) { w["type"] = "gauge"; });
    QTest::newRow("kpi with a dimension")
            << editedWidget(1, [](QJsonObject &w) { w["type"] = "kpi"; });
    QTest::newRow("no data set") << editedQuery([](QJsonObject &q) { q.remove("data_set"); });
    QTest::newRow("unknown aggregate") << editedQuery([](QJsonObject &q) {
        q["measures"] = QJsonArray{ QJsonObject{ { "aggregate", "median" } } };
    });
    QTest::newRow("ratio of ratio") << editedQuery([](QJsonObject &q) {
        q["measures"] = QJsonArray{ QJsonObject{
                { "aggregate", "ratio" },
                { "numerator", QJsonObject{ { "aggregate", "ratio" } } },
                { "denominator", QJsonObject{ { "aggregate", "count" } } } } };
    });
    QTest::newRow("unknown bucket") << editedQuery([](QJsonObject &q) {
        q["dimensions"] =
                QJsonArray{ QJsonObject{ { "field", "date" }, { "bucket", "fortnight" } } };
    });
    QTest::newRow("four dimensions") << editedQuery([](QJsonObject &q) {
        const QJsonObject d{ { "field", "city" } };
        q["dimensions"] = QJsonArray{ d, d, d, d };
        q.remove("sort");
    });
    QTest::newRow("unknown filter op") << editedQuery([](QJsonObject &q) {
        q["filters"] = QJsonArray{ QJsonObject{ { "field", "city" }, { "op", "like" } } };
    });
    QTest::newRow("equals without value") << editedQuery([](QJsonObject &q) {
        q["filters"] = QJsonArray{ QJsonObject{ { "field", "city" }, { "op", "equals" } } };
    });
    QTest::newRow("nested filter value") << editedQuery([](QJsonObject &q) {
        q["filters"] = QJsonArray{ QJsonObject{ { "field", "city" },
                                                { "op", "in" },
                                                { "values", QJsonArray{ QJsonArray{ 1 } } } } };
    });
    QTest::newRow("too many values") << editedQuery([](QJsonObject &q) {
        QJsonArray values;
        for (int i = 0; i < 501; ++i)
            values.append(i);
        q["filters"] = QJsonArray{ QJsonObject{
                { "field", "city" }, { "op", "in" }, { "values", values } } };
    });
    QTest::newRow("sort out of range") << editedQuery([](QJsonObject &q) {
        q["sort"] = QJsonArray{ QJsonObject{ { "by", "measure" }, { "index", 5 } } };
    });
    QTest::newRow("negative limit") << editedQuery([](QJsonObject &q) { q["limit"] = -1; });
}

void TestDashboardDefinition::refusals()
{
    QFETCH(QJsonObject, json);
    QString error;
    QVERIFY(!DashboardDefinition::fromJson(json, &error));
    QVERIFY(!error.isEmpty());
}

void TestDashboardDefinition::refusesOversizedAndDamagedText()
{
    QString error;
    QVERIFY(!DashboardDefinition::fromJsonText("{\"name\": ", &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!DashboardDefinition::fromJsonText("[1, 2]", &error));
    QVERIFY(!error.isEmpty());

    // A definition just over the limit is refused before it is parsed.
    DashboardDefinition big = sample();
    big.widgets.last().title = QString(100, 'x');
    QByteArray text = big.toJsonText();
    text.insert(1, "\"padding\":\"" + QByteArray(DashboardDefinition::kMaxJsonBytes, ' ') + "\",");
    error.clear();
    QVERIFY(!DashboardDefinition::fromJsonText(text, &error));
    QVERIFY(error.contains(QStringLiteral("256")));
    QVERIFY(DashboardDefinition::fromJsonText(big.toJsonText(), &error));
}

void TestDashboardDefinition::builtInsCompileForTheirRoles()
{
    DashboardContext context;
    context.today = dashboardToday();
    QStringList ids;
    for (const DashboardDefinition &dashboard : BuiltInDashboards::all()) {
        QVERIFY2(dashboard.validate().isEmpty(), qPrintable(dashboard.validate()));
        QVERIFY(dashboard.builtIn);
        QVERIFY(BuiltInDashboards::isBuiltInId(dashboard.id));
        QVERIFY(!ids.contains(dashboard.id));
        ids << dashboard.id;
        // What is saved and read back is the same dashboard.
        QString error;
        const auto copy = DashboardDefinition::fromJsonText(dashboard.toJsonText(), &error);
        QVERIFY2(copy, qPrintable(error));
        QCOMPARE(copy->toJson(), dashboard.toJson());
    }
    QVERIFY(!BuiltInDashboards::isBuiltInId("d1"));
    StoreFixture store;
    QVERIFY(fillDashboardFixture(store.db()));
    for (const Role role : allRoles()) {
        const QList<DashboardDefinition> dashboards = BuiltInDashboards::forRole(role);
        QVERIFY(!dashboards.isEmpty());
        for (const DashboardDefinition &dashboard : dashboards) {
            context.dateRange = dashboard.dateRange;
            for (const WidgetDefinition &widget : dashboard.widgets) {
                const QString where = dashboard.id + '/' + widget.id + ' ' + roleCode(role);
                CompiledQuery compiled = QueryCompiler::compile(widget.query, role, "u1", context);
                QVERIFY2(compiled.ok(), qPrintable(where + ": " + compiled.error));
                QSqlQuery query(store.db());
                QVERIFY2(query.prepare(compiled.sql),
                         qPrintable(where + ": " + query.lastError().text()));
                for (const QVariant &value : compiled.bindings)
                    query.addBindValue(value);
                QVERIFY2(query.exec(), qPrintable(where + ": " + query.lastError().text()));
                if (widget.comparePrevious) {
                    compiled = QueryCompiler::comparePrevious(widget.query, role, "u1", context);
                    QVERIFY2(compiled.ok(), qPrintable(where + ": " + compiled.error));
                }
            }
        }
    }
    QCOMPARE(BuiltInDashboards::forRole(Role::SalesRep).size(), 3);
    QCOMPARE(BuiltInDashboards::forRole(Role::BranchManager).size(), 4);
    QCOMPARE(BuiltInDashboards::forRole(Role::RiskOfficer).size(), 2);
}

void TestDashboardDefinition::builtInFigures_data()
{
    QTest::addColumn<QString>("dashboard");
    QTest::addColumn<QString>("widget");
    QTest::addColumn<QString>("userId");
    QTest::addColumn<QString>("expected");
    // u1 owns l1 (new), l2 (converted), l4 (qualified); t1 (open), t2 (done); c1 and c2.
    QTest::newRow("open leads") << "builtin:rep.pipeline"
                                << "open"
                                << "u1"
                                << "2";
    QTest::newRow("my conversion") << "builtin:rep.pipeline"
                                   << "conversion"
                                   << "u1"
                                   << "0.333";
    QTest::newRow("open tasks") << "builtin:rep.tasks"
                                << "open"
                                << "u1"
                                << "1";
    QTest::newRow("done in 30 days") << "builtin:rep.tasks"
                                     << "done"
                                     << "u1"
                                     << "1";
    QTest::newRow("my volume this year") << "builtin:rep.volume"
                                         << "volume"
                                         << "u1"
                                         << "350000";
    QTest::newRow("branch volume this year") << "builtin:manager.volume"
                                             << "volume"
                                             << "u3"
                                             << "650000";
    QTest::newRow("approvals waiting") << "builtin:manager.approvals"
                                       << "waiting"
                                       << "u3"
                                       << "1";
    QTest::newRow("new customers this year") << "builtin:manager.onboarding"
                                             << "customers"
                                             << "u3"
                                             << "4";
}

void TestDashboardDefinition::builtInFigures()
{
    QFETCH(QString, dashboard);
    QFETCH(QString, widget);
    QFETCH(QString, userId);
    QFETCH(QString, expected);
    StoreFixture store;
    QVERIFY(fillDashboardFixture(store.db()));
    const WidgetDefinition *found = nullptr;
    DashboardContext context;
    context.today = dashboardToday();
    const QList<DashboardDefinition> all = BuiltInDashboards::all();
    for (const DashboardDefinition &item : all) {
        if (item.id == dashboard) {
            found = item.widget(widget);
            context.dateRange = item.dateRange;
        }
    }
    QVERIFY(found);
    const CompiledQuery compiled =
            QueryCompiler::compile(found->query, Role::BranchManager, userId, context);
    QVERIFY2(compiled.ok(), qPrintable(compiled.error));
    QSqlQuery query(store.db());
    QVERIFY(query.prepare(compiled.sql));
    for (const QVariant &value : compiled.bindings)
        query.addBindValue(value);
    QVERIFY(query.exec() && query.next());
    QVERIFY2(qAbs(query.value(0).toDouble() - expected.toDouble()) < 0.001,
             qPrintable(query.value(0).toString()));
}

QTEST_GUILESS_MAIN(TestDashboardDefinition)
#include "tst_dashboarddefinition.moc"
