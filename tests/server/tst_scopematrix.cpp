// SPDX-License-Identifier: GPL-3.0-or-later
// The scope and field-permission matrix in one table, on SQLite and PostgreSQL: for each
// role and each kind of record, whether a rep's record in a Hangzhou branch is readable,
// whether its PII comes back masked, and whether the role may create one.
#include "ServerFixture.h"
#include "records/ActivityService.h"
#include "records/ContactService.h"
#include "records/CustomerService.h"
#include "records/LeadService.h"
#include "records/TaskService.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <functional>

using namespace branchline;
using namespace branchline::server;

namespace {

// One kind, seen through the same five operations.
struct KindProbe
{
    std::function<RecordOutcome(const Caller &, const QJsonObject &)> create;
    std::function<RecordOutcome(const Caller &, const QString &)> get;
    std::function<RecordOutcome(const Caller &)> list;
    QString piiField; // empty when the kind holds no PII
};

template<typename Service>
KindProbe probe(const Database &database, const QString &piiField)
{
    auto service = std::make_shared<Service>(database);
    return KindProbe{
        [service](const Caller &caller, const QJsonObject &body) {
            return service->create(caller, body);
        },
        [service](const Caller &caller, const QString &id) {
            return service->get(caller, id, {}, {});
        },
        [service](const Caller &caller) { return service->list(caller, QUrlQuery()); },
        piiField,
    };
}

} // namespace

class TestScopeMatrix : public QObject
{
    Q_OBJECT

private slots:
    void matrix_data();
    void matrix();
};

void TestScopeMatrix::matrix_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("mayRead");
    QTest::addColumn<bool>("mayCreate");
    // rep = the owner (Hangzhou); far = a rep in Nanjing; manager = the Zhejiang region above
    // Hangzhou; risk and admin see everything, and create nothing on the sales side.
    struct Row
    {
        const char *role;
        bool read;
        bool createSales;
        bool createRisk;
    };
    const QList<Row> roles{ { "rep", true, true, false },
                            { "far", false, true, false },
                            { "manager", true, true, false },
                            { "risk", true, false, false },
                            { "admin", true, false, false } };
    for (const char *engine : { "sqlite", "postgres" })
        for (const char *kind : { "customers", "leads", "tasks", "contacts", "activities" })
            for (const Row &row : roles)
                QTest::newRow(qPrintable(QStringLiteral("%1 %2 %3").arg(engine, kind, row.role)))
                        << QString::fromLatin1(engine) << QString::fromLatin1(kind)
                        << QString::fromLatin1(row.role) << row.read << row.createSales;
}

void TestScopeMatrix::matrix()
{
    QFETCH(QString, kind);
    QFETCH(QString, role);
    QFETCH(bool, mayRead);
    QFETCH(bool, mayCreate);
    SERVER_FIXTURE(fixture);
    test::Organisation organisation;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &organisation, &error), qPrintable(error));
    const QHash<QString, Caller> callers{
        { "rep", organisation.rep },         { "far", organisation.otherRep },
        { "manager", organisation.manager }, { "risk", organisation.risk },
        { "admin", organisation.admin },
    };
    const Caller &owner = callers["rep"];
    const Caller &caller = callers[role];

    // Every kind hangs off one customer of the owner's.
    const QString customerId = CustomerService(fixture.database())
                                       .create(owner,
                                               { { "legal_name", "杭州西湖茶叶有限公司" },
                                                 { "phone", "13812345678" } })
                                       .body.value("id")
                                       .toString();
    QVERIFY(!customerId.isEmpty());
    const QHash<QString, QPair<KindProbe, QJsonObject>> kinds{
        { "customers",
          { probe<CustomerService>(fixture.database(), "phone"),
            { { "legal_name", "某某商户" }, { "phone", "13900000001" } } } },
        { "leads",
          { probe<LeadService>(fixture.database(), "phone"),
            { { "name", "赵六" }, { "phone", "13900000002" } } } },
        { "tasks", { probe<TaskService>(fixture.database(), QString()), { { "title", "回访" } } } },
        { "contacts",
          { probe<ContactService>(fixture.database(), "phone"),
            { { "customer_id", customerId }, { "name", "王经理" }, { "phone", "13900000003" } } } },
        { "activities",
          { probe<ActivityService>(fixture.database(), QString()),
            { { "kind", "note" },
              { "related_table", "customers" },
              { "related_id", customerId },
              { "subject", "备注" } } } },
    };
    const KindProbe &kindProbe = kinds[kind].first;
    const QJsonObject &body = kinds[kind].second;

    // The owner's record.
    QString id = customerId;
    if (kind != QLatin1String("customers")) {
        const RecordOutcome created = kindProbe.create(owner, body);
        QCOMPARE(created.status, 201);
        id = created.body.value("id").toString();
    }

    // May read: get, and the record in the list.
    const RecordOutcome got = kindProbe.get(caller, id);
    QCOMPARE(got.status, mayRead ? 200 : 404);
    bool listed = false;
    for (const QJsonValue &item : kindProbe.list(caller).body.value("items").toArray())
        listed |= item.toObject().value("id").toString() == id;
    QCOMPARE(listed, mayRead);

    // Masked: PII never comes back in clear without a reveal.
    if (mayRead && !kindProbe.piiField.isEmpty()) {
        const QString shown = got.body.value(kindProbe.piiField).toString();
        QVERIFY2(shown.contains('*'), qPrintable(shown));
    }

    // May create: the role's own new record (contacts and activities on the owner's
    // customer, which only roles that see it can use).
    const RecordOutcome made = kindProbe.create(caller, body);
    const bool parentVisible =
            kind != QLatin1String("contacts") && kind != QLatin1String("activities");
    // Managers read PII but do not capture it: only reps may write a phone number.
    const bool writesPii = !kindProbe.piiField.isEmpty() && body.contains(kindProbe.piiField);
    const bool capturesPii = caller.role == Role::SalesRep;
    const bool expectCreate =
            mayCreate && (parentVisible || mayRead) && (!writesPii || capturesPii);
    QVERIFY2(made.status == (expectCreate ? 201 : 403),
             qPrintable(QStringLiteral("%1: %2")
                                .arg(made.status)
                                .arg(QString::fromUtf8(
                                        QJsonDocument(made.body).toJson(QJsonDocument::Compact)))));
}

QTEST_GUILESS_MAIN(TestScopeMatrix)
#include "tst_scopematrix.moc"
