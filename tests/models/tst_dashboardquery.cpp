// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard query engine on a store whose every answer was worked out by hand (see
// DashboardFixture.cpp): each measure, dimension, date bucket, filter, the dashboard's date
// range and branch scope, sorting and top N, drill-down, and what each role is offered.
#include "DashboardFixture.h"
#include "StoreFixture.h"
#include "dashboards/DataSetCatalog.h"
#include "dashboards/QueryCompiler.h"
#include "dashboards/ResultLabels.h"
#include "domain/rules/FieldPolicy.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace branchline;
using namespace branchline::test;

namespace {

QuerySpec spec(const QString &dataSet, QList<DimensionSpec> dimensions, QList<MeasureSpec> measures,
               QList<FilterSpec> filters = {})
{
    QuerySpec query;
    query.dataSet = dataSet;
    query.dimensions = dimensions;
    query.measures = measures;
    query.filters = filters;
    return query;
}

MeasureSpec measure(Aggregate aggregate, const QString &field = {})
{
    MeasureSpec item;
    item.aggregate = aggregate;
    item.field = field;
    return item;
}

MeasureSpec ratio(MeasureTerm numerator, MeasureTerm denominator)
{
    MeasureSpec item;
    item.aggregate = Aggregate::Ratio;
    item.numerator = numerator;
    item.denominator = denominator;
    return item;
}

FilterSpec filter(const QString &field, FilterOp op, QVariantList values = {}, QVariant from = {},
                  QVariant to = {})
{
    FilterSpec item;
    item.field = field;
    item.op = op;
    item.values = values;
    item.from = from;
    item.to = to;
    return item;
}

FilterSpec period(RelativePeriod relative)
{
    FilterSpec item = filter(QStringLiteral("date"), FilterOp::RelativeDate);
    item.period = relative;
    return item;
}

DashboardContext context(DateRange range = {}, const QString &branch = {})
{
    DashboardContext result;
    result.dateRange = range;
    result.branchId = branch;
    result.today = dashboardToday();
    return result;
}

QString cell(const QVariant &value)
{
    if (value.isNull())
        return QStringLiteral("null");
    if (value.typeId() == QMetaType::Double)
        return QString::number(value.toDouble(), 'g', 10);
    return value.toString();
}

// The rows as "key,key=value,value" joined by "; ", in the order the query gave them.
QString rowsText(QSqlDatabase db, const CompiledQuery &compiled)
{
    if (!compiled.ok())
        return QStringLiteral("error: ") + compiled.error;
    QSqlQuery query(db);
    if (!query.prepare(compiled.sql))
        return QStringLiteral("prepare: ") + query.lastError().text() + compiled.sql;
    for (const QVariant &value : compiled.bindings)
        query.addBindValue(value);
    if (!query.exec())
        return QStringLiteral("exec: ") + query.lastError().text();
    int dimensions = 0;
    for (const ResultColumn &column : compiled.columns)
        dimensions += column.isDimension ? 1 : 0;
    QStringList rows;
    while (query.next()) {
        QStringList keys;
        QStringList values;
        for (int i = 0; i < compiled.columns.size(); ++i)
            (i < dimensions ? keys : values).append(cell(query.value(i)));
        rows << (keys.isEmpty() ? values.join(QLatin1Char(','))
                                : keys.join(QLatin1Char(',')) + QLatin1Char('=')
                                 + values.join(QLatin1Char(',')));
    }
    return rows.join(QStringLiteral("; "));
}

} // namespace

class TestDashboardQuery : public QObject
{
    Q_OBJECT

private slots:
    void ratiosReadAsPercentages();
    void initTestCase();
    void figures_data();
    void figures();
    void refusals_data();
    void refusals();
    void previousPeriod();
    void drillDown_data();
    void drillDown();
    void valuesAreBoundNeverSpliced();
    void offersFollowFieldPolicy();
    void dateRanges_data();
    void dateRanges();

private:
    std::unique_ptr<StoreFixture> m_store;
};

void TestDashboardQuery::initTestCase()
{
    m_store = std::make_unique<StoreFixture>();
    QVERIFY(m_store->isOpen());
    QVERIFY(fillDashboardFixture(m_store->db()));
}

void TestDashboardQuery::figures_data()
{
    QTest::addColumn<QuerySpec>("query");
    QTest::addColumn<DashboardContext>("scope");
    QTest::addColumn<QString>("userId");
    QTest::addColumn<QString>("expected");

    const QString c = QStringLiteral("customers");
    const QString mv = QStringLiteral("merchant_volumes");
    const DimensionSpec branch{ QStringLiteral("branch"), DateBucket::None };
    const DimensionSpec date{ QStringLiteral("date"), DateBucket::None };
    const auto dated = [](DateBucket bucket) {
        return DimensionSpec{ QStringLiteral("date"), bucket };
    };
    const MeasureSpec count = measure(Aggregate::Count);
    const auto row = [&](const char *name, QuerySpec query, const char *expected,
                         DashboardContext scope = context(), const char *user = "u1") {
        QTest::newRow(name) << query << scope << QString::fromUtf8(user)
                            << QString::fromUtf8(expected);
    };

    // Measures. c6 is deleted and never counts; c3 has no credit limit.
    row("count", spec(c, {}, { count }), "5");
    row("count by branch", spec(c, { branch }, { count }), "B1=2; B2=2; B3=1");
    row("distinct count", spec(c, {}, { measure(Aggregate::DistinctCount, "settlement_account") }),
        "3");
    row("sum", spec(c, { branch }, { measure(Aggregate::Sum, "credit_limit") }),
        "B1=300000; B2=50000; B3=300000");
    row("avg skips null", spec(c, {}, { measure(Aggregate::Avg, "credit_limit") }), "162500");
    row("min and max",
        spec(c, {},
             { measure(Aggregate::Min, "credit_limit"), measure(Aggregate::Max, "credit_limit") }),
        "50000,300000");
    row("ratio",
        spec(c, {}, { ratio({ Aggregate::Sum, "credit_limit" }, { Aggregate::Count, {} }) }),
        "130000");
    row("ratio over zero is null",
        spec(c, {},
             { ratio({ Aggregate::Sum, "credit_limit" },
                     { Aggregate::DistinctCount, "settlement_account" }) },
             { filter("kind", FilterOp::Equals, { "individual" }) }),
        "null");
    row("conversion rate", spec("leads", {}, { measure(Aggregate::Avg, "converted") }), "0.25");
    row("average score", spec("leads", {}, { measure(Aggregate::Avg, "score") }), "55");
    row("completion rate", spec("tasks", {}, { measure(Aggregate::Avg, "done") }), "0.5");
    row("attachment bytes",
        spec("activities", {},
             { measure(Aggregate::Sum, "attachment_size"),
               measure(Aggregate::Avg, "attachment_size") }),
        "4000,2000");
    row("records concerned",
        spec("activities", {}, { measure(Aggregate::DistinctCount, "related") }), "4");
    row("hours to decision",
        spec("approvals", {},
             { measure(Aggregate::Avg, "hours_to_decision"), measure(Aggregate::Max, "round") }),
        "24,2");
    row("refunds per volume",
        spec(mv, {}, { ratio({ Aggregate::Sum, "refunds" }, { Aggregate::Sum, "volume" }) }),
        "0.00625");
    row("distinct merchants", spec(mv, {}, { measure(Aggregate::DistinctCount, "merchant") }), "3");

    // Dimensions: a null key is its own group; other tables' branches come through a join.
    row("city", spec(c, { { "city" } }, { count }), "上海=2; 北京=1; 杭州=2");
    row("kind", spec(c, { { "kind" } }, { count }), "corporate=1; individual=1; merchant=3");
    row("status", spec(c, { { "status" } }, { count }),
        "active=2; onboarding=1; prospect=1; suspended=1");
    row("risk level with empty", spec(c, { { "risk_level" } }, { count }),
        "null=1; high=1; low=2; medium=1");
    row("mcc", spec(c, { { "mcc" } }, { count }), "null=2; 5411=1; 5812=2");
    row("owner", spec(c, { { "owner" } }, { count }), "u1=3; u2=2");
    row("channel", spec("leads", { { "channel" } }, { count }), "event=1; referral=1; web_form=2");
    // A task's own branch (t4 is u2's but scoped to B3), an activity's its author's.
    row("task branch", spec("tasks", { branch }, { count }), "B1=2; B2=1; B3=1");
    row("activity kind", spec("activities", { { "kind" } }, { count }),
        "call=2; email=1; note=1; visit=1");
    row("activity branch by author", spec("activities", { branch }, { count }), "B1=3; B2=2");
    row("approval flow", spec("approvals", { { "flow" } }, { count }),
        "fee_rate_change=2; settlement_account_change=1");
    row("volume branch by customer", spec(mv, { branch }, { measure(Aggregate::Sum, "volume") }),
        "B1=350000; B2=370000");
    row("volume risk by customer",
        spec(mv, { { "risk_level" } }, { measure(Aggregate::Sum, "volume") }),
        "high=370000; low=300000; medium=50000");
    row("two dimensions", spec(c, { branch, { "kind" } }, { count }),
        "B1,merchant=2; B2,individual=1; B2,merchant=1; B3,corporate=1");

    // Date buckets: the key is the period's first day.
    row("day", spec("activities", { dated(DateBucket::Day) }, { count }),
        "2026-03-01=1; 2026-03-02=1; 2026-03-03=1; 2026-03-16=1; 2026-03-17=1");
    row("as recorded", spec("activities", { date }, { count }),
        "2026-03-01=1; 2026-03-02=1; 2026-03-03=1; 2026-03-16=1; 2026-03-17=1");
    row("week starts monday", spec("activities", { dated(DateBucket::Week) }, { count }),
        "2026-02-23=1; 2026-03-02=2; 2026-03-16=2");
    row("month", spec(c, { dated(DateBucket::Month) }, { count }),
        "2025-12-01=1; 2026-01-01=1; 2026-02-01=1; 2026-03-01=2");
    row("quarter", spec(c, { dated(DateBucket::Quarter) }, { count }),
        "2025-10-01=1; 2026-01-01=4");
    row("monthly data by month",
        spec(mv, { dated(DateBucket::Month) }, { measure(Aggregate::Sum, "volume") }),
        "2025-12-01=70000; 2026-01-01=100000; 2026-02-01=250000; 2026-03-01=300000");
    row("monthly data by quarter",
        spec(mv, { dated(DateBucket::Quarter) }, { measure(Aggregate::Sum, "volume") }),
        "2025-10-01=70000; 2026-01-01=650000");

    // Filters.
    row("equals", spec(c, {}, { count }, { filter("kind", FilterOp::Equals, { "merchant" }) }),
        "3");
    row("in",
        spec(c, {}, { count }, { filter("status", FilterOp::In, { "active", "onboarding" }) }),
        "3");
    row("in with empty",
        spec(c, {}, { count }, { filter("risk_level", FilterOp::In, { "high", QVariant() }) }),
        "2");
    row("range",
        spec(c, {}, { count }, { filter("date", FilterOp::Range, {}, "2026-02-01", "2026-03-02") }),
        "2");
    row("open range",
        spec(c, {}, { count }, { filter("date", FilterOp::Range, {}, "2026-03-01", QVariant()) }),
        "2");
    row("text range",
        spec(c, {}, { count }, { filter("mcc", FilterOp::Range, {}, "5000", "5500") }), "1");
    row("this month", spec(c, {}, { count }, { period(RelativePeriod::ThisMonth) }), "2");
    row("last 30 days", spec(c, {}, { count }, { period(RelativePeriod::Last30Days) }), "2");
    row("previous month", spec(c, {}, { count }, { period(RelativePeriod::PreviousMonth) }), "1");
    row("previous quarter", spec(c, {}, { count }, { period(RelativePeriod::PreviousQuarter) }),
        "1");
    row("monthly data this quarter",
        spec(mv, {}, { measure(Aggregate::Sum, "volume") },
             { period(RelativePeriod::ThisQuarter) }),
        "650000");
    row("current user", spec(c, {}, { count }, { filter("owner", FilterOp::CurrentUser) }), "3");
    row("current user is the viewer",
        spec(c, {}, { count }, { filter("owner", FilterOp::CurrentUser) }), "2", context(), "u2");
    row("my merchants' volume",
        spec(mv, {}, { measure(Aggregate::Sum, "volume") },
             { filter("owner", FilterOp::CurrentUser) }),
        "350000");
    row("my tasks", spec("tasks", {}, { count }, { filter("owner", FilterOp::CurrentUser) }), "2");
    row("tasks of a region", spec("tasks", {}, { count }), "3", context({}, "R1"));

    // The dashboard's date range and branch (with the branches below it).
    row("dashboard this quarter", spec(c, {}, { count }), "4",
        context({ RelativePeriod::ThisQuarter, {}, {} }));
    row("dashboard days", spec(c, {}, { count }), "1",
        context({ RelativePeriod::None, QDate(2026, 3, 15), QDate(2026, 3, 31) }));
    row("region takes its branches", spec(c, { branch }, { count }), "B1=2; B2=2",
        context({}, "R1"));
    row("head office takes all", spec(c, {}, { count }), "5", context({}, "HQ"));
    row("one branch", spec(c, {}, { count }), "1", context({}, "B3"));
    row("activities by author's branch", spec("activities", {}, { count }), "3", context({}, "B1"));
    row("volumes by customer's branch", spec(mv, {}, { measure(Aggregate::Sum, "volume") }),
        "370000", context({}, "B2"));
    row("range and branch", spec(mv, {}, { measure(Aggregate::Sum, "volume") }), "300000",
        context({ RelativePeriod::ThisMonth, {}, {} }, "R1"));

    // Sorting and top N.
    QuerySpec top = spec(c, { branch }, { measure(Aggregate::Avg, "credit_limit") });
    top.sort = { { SortSpec::By::Measure, 0, true } };
    top.limit = 2;
    row("top 2 by average", top, "B3=300000; B1=150000");
    QuerySpec reversed = spec(c, { branch }, { count });
    reversed.sort = { { SortSpec::By::Dimension, 0, true } };
    row("by dimension descending", reversed, "B3=1; B2=2; B1=2");
    QuerySpec topMerchant = spec(mv, { { "merchant" } }, { measure(Aggregate::Sum, "volume") });
    topMerchant.sort = { { SortSpec::By::Measure, 0, true } };
    topMerchant.limit = 1;
    row("top merchant", topMerchant, "c3=370000");
}

void TestDashboardQuery::figures()
{
    QFETCH(QuerySpec, query);
    QFETCH(DashboardContext, scope);
    QFETCH(QString, userId);
    QFETCH(QString, expected);
    const CompiledQuery compiled = QueryCompiler::compile(query, Role::RiskOfficer, userId, scope);
    QCOMPARE(rowsText(m_store->db(), compiled), expected);
}

void TestDashboardQuery::refusals_data()
{
    QTest::addColumn<QuerySpec>("query");
    QTest::addColumn<int>("role");
    const MeasureSpec count = measure(Aggregate::Count);
    const QString c = QStringLiteral("customers");
    const int rep = static_cast<int>(Role::SalesRep);
    QTest::newRow("unknown data set") << spec("users", {}, { count }) << rep;
    QTest::newRow("nothing asked") << spec(c, {}, {}) << rep;
    QTest::newRow("unknown dimension") << spec(c, { { "legal_name" } }, { count }) << rep;
    QTest::newRow("pii dimension") << spec(c, { { "phone" } }, { count }) << rep;
    QTest::newRow("injected name")
            << spec(c, { { "city; DROP TABLE customers" } }, { count }) << rep;
    QTest::newRow("bucket on a code")
            << spec(c, { { "status", DateBucket::Month } }, { count }) << rep;
    QTest::newRow("monthly by day")
            << spec("merchant_volumes", { { "date", DateBucket::Day } }, { count }) << rep;
    QTest::newRow("unknown measure") << spec(c, {}, { measure(Aggregate::Sum, "volume") }) << rep;
    QTest::newRow("sum of a count field")
            << spec(c, {}, { measure(Aggregate::Sum, "settlement_account") }) << rep;
    QTest::newRow("ratio of ratio")
            << spec(c, {}, { ratio({ Aggregate::Ratio, {} }, { Aggregate::Count, {} }) }) << rep;
    QTest::newRow("masked for the manager")
            << spec(c, {}, { measure(Aggregate::DistinctCount, "settlement_account") })
            << static_cast<int>(Role::BranchManager);
    QTest::newRow("masked for the admin")
            << spec(c, {}, { measure(Aggregate::DistinctCount, "settlement_account") })
            << static_cast<int>(Role::Admin);
    QTest::newRow("period on a code") << spec(c, {}, { count }, { [] {
                                                  FilterSpec f = period(RelativePeriod::ThisMonth);
                                                  f.field = "city";
                                                  return f;
                                              }() })
                                      << rep;
    QTest::newRow("current user on a city")
            << spec(c, {}, { count }, { filter("city", FilterOp::CurrentUser) }) << rep;
    QTest::newRow("bad date") << spec(c, {}, { count },
                                      { filter("date", FilterOp::Range, {}, "18/03/2026") })
                              << rep;
    QuerySpec badSort = spec(c, {}, { count });
    badSort.sort = { { SortSpec::By::Dimension, 0, true } };
    QTest::newRow("sort by a missing column") << badSort << rep;
}

void TestDashboardQuery::refusals()
{
    QFETCH(QuerySpec, query);
    QFETCH(int, role);
    const CompiledQuery compiled =
            QueryCompiler::compile(query, static_cast<Role>(role), "u1", context());
    QVERIFY(!compiled.ok());
    QVERIFY(compiled.sql.isEmpty());
    QVERIFY(!compiled.error.isEmpty());
}

void TestDashboardQuery::previousPeriod()
{
    const QuerySpec query = spec("merchant_volumes", {}, { measure(Aggregate::Sum, "volume") });
    const DashboardContext quarter = context({ RelativePeriod::ThisQuarter, {}, {} });
    QCOMPARE(rowsText(m_store->db(),
                      QueryCompiler::compile(query, Role::BranchManager, "u3", quarter)),
             QStringLiteral("650000"));
    QCOMPARE(rowsText(m_store->db(),
                      QueryCompiler::comparePrevious(query, Role::BranchManager, "u3", quarter)),
             QStringLiteral("70000"));
    const DashboardContext month = context({ RelativePeriod::ThisMonth, {}, {} });
    QCOMPARE(rowsText(m_store->db(),
                      QueryCompiler::comparePrevious(
                              spec("customers", {}, { measure(Aggregate::Count) }),
                              Role::BranchManager, "u3", month)),
             QStringLiteral("1"));
    QVERIFY(!QueryCompiler::comparePrevious(query, Role::BranchManager, "u3", context()).ok());
}

void TestDashboardQuery::drillDown_data()
{
    QTest::addColumn<QuerySpec>("query");
    QTest::addColumn<QVariantList>("keys");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QString>("expected"); // id,customer,title,date per row
    const MeasureSpec count = measure(Aggregate::Count);
    const QString c = QStringLiteral("customers");
    QTest::newRow("branch")
            << spec(c, { { "branch" } }, { count }) << QVariantList{ "B1" } << 10
            << "c2,c2,文三超市,2026-02-10T10:00:00.000Z; c1,c1,西湖茶馆,2026-01-05T10:00:00.000Z";
    QTest::newRow("month bucket")
            << spec(c, { { "date", DateBucket::Month } }, { count }) << QVariantList{ "2026-03-01" }
            << 10 << "c4,c4,陈明,2026-03-15T10:00:00.000Z; c3,c3,外滩餐厅,2026-03-02T10:00:00.000Z";
    QTest::newRow("empty group") << spec(c, { { "risk_level" } }, { count })
                                 << QVariantList{ QVariant() } << 10
                                 << "c4,c4,陈明,2026-03-15T10:00:00.000Z";
    QTest::newRow("stacked segment")
            << spec(c, { { "branch" }, { "kind" } }, { count })
            << QVariantList{ "B2", "individual" } << 10 << "c4,c4,陈明,2026-03-15T10:00:00.000Z";
    QTest::newRow("volumes open their merchant")
            << spec("merchant_volumes", { { "date", DateBucket::Month } }, { count })
            << QVariantList{ "2026-02-01" } << 10
            << "mv2,c1,西湖茶馆,2026-02; mv3,c2,文三超市,2026-02";
    QTest::newRow("tasks open their customer")
            << spec("tasks", { { "status" } }, { count },
                    { filter("owner", FilterOp::CurrentUser) })
            << QVariantList{ "open" } << 10 << "t1,c1,回访,2026-03-20T10:00:00.000Z";
    QTest::newRow("one more than the limit")
            << spec(c, {}, { count }) << QVariantList{} << 2
            << "c4,c4,陈明,2026-03-15T10:00:00.000Z; c3,c3,外滩餐厅,2026-03-02T10:00:00.000Z; "
               "c2,c2,文三超市,2026-02-10T10:00:00.000Z";
}

void TestDashboardQuery::drillDown()
{
    QFETCH(QuerySpec, query);
    QFETCH(QVariantList, keys);
    QFETCH(int, limit);
    QFETCH(QString, expected);
    const CompiledQuery compiled =
            QueryCompiler::drillDown(query, Role::SalesRep, "u1", context(), keys, limit);
    QVERIFY2(compiled.ok(), qPrintable(compiled.error));
    // Every column is a "value" here: the drill-down has no dimensions.
    QStringList rows;
    QSqlQuery sql(m_store->db());
    QVERIFY(sql.prepare(compiled.sql));
    for (const QVariant &value : compiled.bindings)
        sql.addBindValue(value);
    QVERIFY2(sql.exec(), qPrintable(sql.lastError().text()));
    while (sql.next())
        rows << QStringList{ sql.value(0).toString(), sql.value(1).toString(),
                             sql.value(2).toString(), sql.value(3).toString() }
                        .join(QLatin1Char(','));
    QCOMPARE(rows.join(QStringLiteral("; ")), expected);
    QVERIFY(!QueryCompiler::drillDown(query, Role::SalesRep, "u1", context(),
                                      QVariantList{ 1, 2, 3, 4 }, limit)
                     .ok());
}

void TestDashboardQuery::valuesAreBoundNeverSpliced()
{
    const QString hostile = QStringLiteral("x' OR 1=1; DROP TABLE customers; --");
    const CompiledQuery compiled =
            QueryCompiler::compile(spec("customers", {}, { measure(Aggregate::Count) },
                                        { filter("city", FilterOp::Equals, { hostile }) }),
                                   Role::SalesRep, "u1", context({}, hostile));
    QVERIFY(compiled.ok());
    QVERIFY(!compiled.sql.contains(hostile));
    QVERIFY(!compiled.sql.contains(QStringLiteral("DROP")));
    QVERIFY(compiled.bindings.contains(hostile));
    QCOMPARE(rowsText(m_store->db(), compiled), QStringLiteral("0"));
    QCOMPARE(rowsText(m_store->db(),
                      QueryCompiler::compile(spec("customers", {}, { measure(Aggregate::Count) }),
                                             Role::SalesRep, "u1", context())),
             QStringLiteral("5"));
}

void TestDashboardQuery::offersFollowFieldPolicy()
{
    for (const Role role : allRoles()) {
        for (const QString &dataSet : DataSetCatalog::dataSets()) {
            const QList<CatalogField> dimensions = DataSetCatalog::dimensions(dataSet, role);
            QVERIFY(!dimensions.isEmpty());
            QVERIFY(DataSetCatalog::dimension(dataSet, QStringLiteral("date"), role));
            for (const CatalogField &field : dimensions) {
                QVERIFY(!field.label.isEmpty());
                // PII never groups a chart, whoever looks.
                QVERIFY2(field.name != QLatin1String("phone")
                                 && field.name != QLatin1String("settlement_account"),
                         qPrintable(field.name));
            }
        }
    }
    const auto offered = [](Role role) {
        return DataSetCatalog::measure("customers", "settlement_account", role).has_value();
    };
    // Visible to the rep who onboards and to risk; masked for managers and admins.
    QVERIFY(offered(Role::SalesRep));
    QVERIFY(offered(Role::RiskOfficer));
    QVERIFY(!offered(Role::BranchManager));
    QVERIFY(!offered(Role::Admin));
    QCOMPARE(FieldPolicy::permission(Role::Admin, RecordType::Customer, "settlement_account"),
             FieldPermission::Masked);
    QCOMPARE(DataSetCatalog::measureKind("merchant_volumes", measure(Aggregate::Sum, "volume")),
             ValueKind::Money);
    QCOMPARE(DataSetCatalog::measureKind("merchant_volumes", measure(Aggregate::Count)),
             ValueKind::Integer);
}

void TestDashboardQuery::dateRanges_data()
{
    QTest::addColumn<int>("period");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<QDate>("previousFrom");
    QTest::addColumn<QDate>("previousTo");
    const auto row = [](const char *name, RelativePeriod period, QDate from, QDate to, QDate pFrom,
                        QDate pTo) {
        QTest::newRow(name) << static_cast<int>(period) << from << to << pFrom << pTo;
    };
    row("today", RelativePeriod::Today, { 2026, 3, 18 }, { 2026, 3, 18 }, { 2026, 3, 17 },
        { 2026, 3, 17 });
    row("last 7 days", RelativePeriod::Last7Days, { 2026, 3, 12 }, { 2026, 3, 18 }, { 2026, 3, 5 },
        { 2026, 3, 11 });
    row("last 30 days", RelativePeriod::Last30Days, { 2026, 2, 17 }, { 2026, 3, 18 },
        { 2026, 1, 18 }, { 2026, 2, 16 });
    row("this week", RelativePeriod::ThisWeek, { 2026, 3, 16 }, { 2026, 3, 22 }, { 2026, 3, 9 },
        { 2026, 3, 15 });
    row("this month", RelativePeriod::ThisMonth, { 2026, 3, 1 }, { 2026, 3, 31 }, { 2026, 2, 1 },
        { 2026, 2, 28 });
    row("previous month", RelativePeriod::PreviousMonth, { 2026, 2, 1 }, { 2026, 2, 28 },
        { 2026, 1, 1 }, { 2026, 1, 31 });
    row("this quarter", RelativePeriod::ThisQuarter, { 2026, 1, 1 }, { 2026, 3, 31 },
        { 2025, 10, 1 }, { 2025, 12, 31 });
    row("this year", RelativePeriod::ThisYear, { 2026, 1, 1 }, { 2026, 12, 31 }, { 2025, 1, 1 },
        { 2025, 12, 31 });
}

void TestDashboardQuery::dateRanges()
{
    QFETCH(int, period);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(QDate, previousFrom);
    QFETCH(QDate, previousTo);
    const DateRange range{ static_cast<RelativePeriod>(period), {}, {} };
    const DateRange resolved = range.resolved(dashboardToday());
    QCOMPARE(resolved.from, from);
    QCOMPARE(resolved.to, to);
    const DateRange previous = range.previous(dashboardToday());
    QCOMPARE(previous.from, previousFrom);
    QCOMPARE(previous.to, previousTo);
}

void TestDashboardQuery::ratiosReadAsPercentages()
{
    // A conversion rate of 1 in 3 and refunds of 15 yuan on 3,500: percentages a person reads
    // at a glance, the small one with the digits that keep it from showing as zero.
    MeasureSpec rate;
    rate.aggregate = Aggregate::Ratio;
    QCOMPARE(DataSetCatalog::measureKind(QStringLiteral("leads"), rate), ValueKind::Percent);
    // The average of a 0/1 flag is a rate too; of a score, a plain number.
    MeasureSpec converted;
    converted.aggregate = Aggregate::Avg;
    converted.field = QStringLiteral("converted");
    QCOMPARE(DataSetCatalog::measureKind(QStringLiteral("leads"), converted), ValueKind::Percent);
    MeasureSpec score;
    score.aggregate = Aggregate::Avg;
    score.field = QStringLiteral("score");
    QCOMPARE(DataSetCatalog::measureKind(QStringLiteral("leads"), score), ValueKind::Decimal);
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(ResultLabels::measureText(1.0 / 3.0, ValueKind::Percent), QStringLiteral("33.3%"));
    QCOMPARE(ResultLabels::measureText(15.0 / 3500.0, ValueKind::Percent),
             QStringLiteral("0.43%"));
    QCOMPARE(ResultLabels::measureText(QVariant(), ValueKind::Percent), QStringLiteral("—"));
    QLocale::setDefault(before);
}

QTEST_GUILESS_MAIN(TestDashboardQuery)
#include "tst_dashboardquery.moc"
