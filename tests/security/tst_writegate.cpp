// SPDX-License-Identifier: GPL-3.0-or-later
// The write gate's coverage, as an insider with a rep's or a manager's account attacks it:
// every write route of the router and every synced table, each against an own record, a
// sibling branch's, another region's, a hidden field, a sensitive field, an append-only kind
// and a reassignment out of scope, over HTTP against the real server, on both engines.
//
// The route and table lists come from the server itself (addApiRoutes, SyncTables): a new
// route or synced table that no scenario here covers fails the test, and every attempt on a
// record must be a decision of the gate (WriteGateSupport::decisions), so a path that writes
// around it fails too.
#include "SecurityServer.h"

#include "gate/WriteGateSupport.h"
#include "records/ContactService.h"
#include "records/CustomerService.h"
#include "records/LeadService.h"
#include "records/TaskService.h"
#include "domain/rules/KycRules.h"
#include "sync/SyncTable.h"

#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace branchline;
using namespace branchline::server;
using namespace branchline::server::test;
using Op = sync::Mutation::Op;

namespace {

// The row as stored, every column: a refused write must leave all of them as they were.
QVariantList rowOf(Database &database, const QString &table, const QString &id)
{
    QSqlDatabase db = database.connection();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT * FROM %1 WHERE id = ?").arg(table));
    query.addBindValue(id);
    QVariantList values;
    if (query.exec() && query.next())
        for (int i = 0; i < query.record().count(); ++i)
            values << query.value(i);
    return values;
}

qint64 countOf(Database &database, const QString &sql, const QVariantList &values = {})
{
    QSqlDatabase db = database.connection();
    QSqlQuery query(db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec() && query.next() ? query.value(0).toLongLong() : -1;
}

sync::Mutation mutation(const QString &table, const QString &id, Op op,
                        const QJsonObject &fields = {})
{
    sync::Mutation m;
    m.table = table;
    m.id = id;
    m.op = op;
    m.fields = fields;
    return m;
}

QString newRecordId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

class TestWriteGate : public QObject
{
    Q_OBJECT

private slots:
    void everyWriteRouteGoesThroughTheGate_data() { addEngineRows(); }
    void everyWriteRouteGoesThroughTheGate();
    void everySyncedTableGoesThroughTheGate_data() { addEngineRows(); }
    void everySyncedTableGoesThroughTheGate();

private:
    // The records every scenario aims at, one set per owner: rep (杭州西湖支行), nbrep (the
    // sibling 宁波支行) and rep2 (南京支行, another region).
    struct Book
    {
        QString customer, lead, task, contact, activity;
    };
    bool seed(SecurityServer &server);
    Book bookOf(SecurityServer &server, const QString &login);

    // One REST attempt: refused ones must leave `table`/`id` exactly as they were, and every
    // attempt that reaches a record must be a decision of the gate.
    void attempt(SecurityServer &server, const QString &scenario, const QString &login,
                 const QByteArray &method, const QString &path, const QJsonObject &body,
                 int expected, const QString &table, const QString &id);
    // One pushed mutation, the same way; a refused one journals nothing about a record the
    // pusher cannot see.
    void pushAttempt(SecurityServer &server, const QString &scenario, const QString &login,
                     const sync::Mutation &m, sync::Outcome expected, bool throughGate,
                     bool visible = true);

    QHash<QString, Book> m_books;
    QSet<QString> m_routesCovered;
    QSet<QString> m_tablesCovered;
};

bool TestWriteGate::seed(SecurityServer &server)
{
    m_books.clear();
    for (const char *name : { "rep", "nbrep", "rep2" }) {
        const QString login = QString::fromLatin1(name);
        const Caller owner = server.caller(login);
        Book book;
        book.customer = login == QLatin1String("rep")
                ? server.org().merchant
                : CustomerService(server.database())
                          .create(owner, { { "legal_name", QString(login + "的商户") }, { "kind", "merchant" } })
                          .body.value("id")
                          .toString();
        book.lead = LeadService(server.database())
                            .create(owner, { { "name", QString(login + "的线索") },
                                             { "phone", "13700000001" } })
                            .body.value("id")
                            .toString();
        book.task = TaskService(server.database())
                            .create(owner, { { "title", QString(login + "的任务") },
                                             { "due_at", "2026-12-31T08:00:00.000Z" } })
                            .body.value("id")
                            .toString();
        book.contact = ContactService(server.database())
                               .create(owner, { { "customer_id", book.customer },
                                                { "name", QString(login + "的联系人") } })
                               .body.value("id")
                               .toString();
        const sync::MutationResult note =
                server.push(login, mutation("activities", newRecordId(), Op::Insert,
                                            { { "kind", "note" },
                                              { "related_table", "customers" },
                                              { "related_id", book.customer },
                                              { "author_id", owner.userId },
                                              { "occurred_at", "2026-12-01T02:00:00.000Z" },
                                              { "subject", "客户风险较高，请勿放款" } }));
        if (note.outcome != sync::Outcome::Applied)
            return false;
        QSqlDatabase db = server.database().connection();
        QSqlQuery query(db);
        query.prepare("SELECT id FROM activities WHERE related_id = ?");
        query.addBindValue(book.customer);
        if (query.exec() && query.next())
            book.activity = query.value(0).toString();
        if (book.customer.isEmpty() || book.lead.isEmpty() || book.task.isEmpty()
            || book.contact.isEmpty() || book.activity.isEmpty()) {
            qWarning() << "seeding" << login << "customer" << book.customer << "lead" << book.lead
                       << "task" << book.task << "contact" << book.contact << "activity"
                       << book.activity;
            return false;
        }
        m_books.insert(login, book);
    }
    return true;
}

TestWriteGate::Book TestWriteGate::bookOf(SecurityServer &, const QString &login)
{
    return m_books.value(login);
}

void TestWriteGate::attempt(SecurityServer &server, const QString &scenario, const QString &login,
                            const QByteArray &method, const QString &path, const QJsonObject &body,
                            int expected, const QString &table, const QString &id)
{
    const QVariantList before = rowOf(server.database(), table, id);
    const qint64 rowsBefore = countOf(server.database(), QStringLiteral("SELECT count(*) FROM %1").arg(table));
    const qint64 decisions = WriteGateSupport::decisions();
    const Answer answer = server.call(login, method, path, body);
    const QString what = QStringLiteral("%1: %2 %3 as %4 → %5 %6")
                                 .arg(scenario, QString::fromLatin1(method), path, login)
                                 .arg(answer.status)
                                 .arg(QString::fromUtf8(answer.raw.left(300)));
    QVERIFY2(answer.status == expected, qPrintable(what));
    if (expected >= 400) {
        QVERIFY2(rowOf(server.database(), table, id) == before, qPrintable("changed: " + what));
        QVERIFY2(countOf(server.database(), QStringLiteral("SELECT count(*) FROM %1").arg(table))
                         == rowsBefore,
                 qPrintable("a row was added: " + what));
    }
    // A malformed body is refused before any record is looked at; everything else is the
    // gate's decision.
    if (expected != 400)
        QVERIFY2(WriteGateSupport::decisions() > decisions, qPrintable("not through the gate: " + what));
}

void TestWriteGate::pushAttempt(SecurityServer &server, const QString &scenario,
                                const QString &login, const sync::Mutation &m,
                                sync::Outcome expected, bool throughGate, bool visible)
{
    m_tablesCovered.insert(m.table);
    const QVariantList before = rowOf(server.database(), m.table, m.id);
    const qint64 journalled = countOf(server.database(),
                                      "SELECT count(*) FROM sync_conflicts WHERE record_id = ?",
                                      { m.id });
    const qint64 decisions = WriteGateSupport::decisions();
    const sync::MutationResult result = server.push(login, m);
    const QString what = QStringLiteral("%1: %2 %3 %4 as %5 → %6 %7 %8")
                                 .arg(scenario, sync::mutationOpName(m.op), m.table, m.id, login,
                                      sync::outcomeName(result.outcome), result.code,
                                      result.message);
    QVERIFY2(result.outcome == expected, qPrintable(what));
    if (expected == sync::Outcome::Rejected)
        QVERIFY2(rowOf(server.database(), m.table, m.id) == before, qPrintable("changed: " + what));
    if (!visible)
        QVERIFY2(countOf(server.database(),
                         "SELECT count(*) FROM sync_conflicts WHERE record_id = ?", { m.id })
                         == journalled,
                 qPrintable("journalled a record the caller cannot see: " + what));
    if (throughGate)
        QVERIFY2(WriteGateSupport::decisions() > decisions, qPrintable("not through the gate: " + what));
}

void TestWriteGate::everyWriteRouteGoesThroughTheGate()
{
    SECURITY_SERVER(server);
    QVERIFY(seed(server));
    m_routesCovered.clear();
    const Book own = bookOf(server, "rep");
    const Book sibling = bookOf(server, "nbrep");
    const Book far = bookOf(server, "rep2");
    const Caller rep2 = server.caller("rep2");
    const Caller nbrep = server.caller("nbrep");

    struct Kind
    {
        QString path; // under /api/v1
        QString table;
        QString Book::*id;
        QJsonObject ordinaryEdit; // a field its owner may change
        QJsonObject create; // a new one of the rep's own
    };
    const QList<Kind> kinds{
        { "customers", "customers", &Book::customer, { { "notes", "回访记录" } },
          { { "legal_name", "新的商户" }, { "kind", "merchant" } } },
        { "leads", "leads", &Book::lead, { { "notes", "有意向" } },
          { { "name", "新线索" }, { "phone", "13700000002" } } },
        { "tasks", "tasks", &Book::task, { { "notes", "带上合同" } },
          { { "title", "新任务" }, { "due_at", "2026-12-30T08:00:00.000Z" } } },
        { "contacts", "contacts", &Book::contact, { { "notes", "财务负责人" } },
          { { "customer_id", own.customer }, { "name", "新联系人" } } },
        { "activities", "activities", &Book::activity, { { "subject", "改写" } },
          { { "kind", "call" },
            { "related_table", "customers" },
            { "related_id", own.customer },
            { "subject", "电话回访" } } },
    };
    for (const Kind &kind : kinds) {
        const QString base = "/api/v1/" + kind.path;
        const QString one = base + "/{id}";
        m_routesCovered << "POST " + base << "PATCH " + one << "DELETE " + one;
        const QString ownId = own.*kind.id;
        const QString siblingId = sibling.*kind.id;
        const QString farId = far.*kind.id;
        const bool appendOnly = kind.table == QLatin1String("activities");

        // Own record: the owner's ordinary edit goes through (the timeline never changes).
        attempt(server, "own record", "rep", "PATCH", base + "/" + ownId, kind.ordinaryEdit,
                appendOnly ? 409 : 200, kind.table, ownId);
        // A sibling branch's record: invisible to the rep and to their branch's manager.
        attempt(server, "sibling branch", "rep", "PATCH", base + "/" + siblingId,
                kind.ordinaryEdit, 404, kind.table, siblingId);
        attempt(server, "sibling branch", "xmgr", "PATCH", base + "/" + siblingId,
                kind.ordinaryEdit, 404, kind.table, siblingId);
        attempt(server, "sibling branch", "rep", "DELETE", base + "/" + siblingId, {}, 404,
                kind.table, siblingId);
        // Another region's: invisible to the rep and to the region's manager.
        attempt(server, "other region", "rep", "PATCH", base + "/" + farId, kind.ordinaryEdit,
                404, kind.table, farId);
        attempt(server, "other region", "zjmgr", "PATCH", base + "/" + farId, kind.ordinaryEdit,
                404, kind.table, farId);
        attempt(server, "other region", "zjmgr", "DELETE", base + "/" + farId, {}, 404,
                kind.table, farId);
        // Hidden bookkeeping columns are nobody's to write.
        attempt(server, "hidden field", "rep", "PATCH", base + "/" + ownId, { { "deleted", 1 } },
                400, kind.table, ownId);
        attempt(server, "hidden field", "rep", "PATCH", base + "/" + ownId,
                { { "created_at", "2000-01-01T00:00:00.000Z" } }, 400, kind.table, ownId);
        attempt(server, "hidden field", "rep", "POST", base,
                QJsonObject(kind.create).value("deleted").isUndefined()
                        ? [&] {
                              QJsonObject body = kind.create;
                              body.insert("deleted", 1);
                              return body;
                          }()
                        : kind.create,
                400, kind.table, QString());
        // Lengths: a field over its limit is refused, naming it.
        {
            QJsonObject body = kind.ordinaryEdit;
            body.insert(body.keys().first(), QString(30000, QChar(u'长')));
            attempt(server, "too long", "rep", "PATCH", base + "/" + ownId, body,
                    appendOnly ? 409 : 400, kind.table, ownId);
        }
        // Creating: one's own goes through, and is audited.
        attempt(server, "own record", "rep", "POST", base, kind.create, 201, kind.table,
                QString());
        if (appendOnly) {
            attempt(server, "append-only kind", "rep", "DELETE", base + "/" + ownId, {}, 409,
                    kind.table, ownId);
            attempt(server, "append-only kind", "xmgr", "PATCH", base + "/" + ownId,
                    { { "body", "改成别的" } }, 409, kind.table, ownId);
            QJsonObject foreign = kind.create;
            foreign.insert("related_id", far.customer);
            attempt(server, "reassignment out of scope", "rep", "POST", base, foreign, 403,
                    kind.table, QString());
        }
    }

    // Sensitive fields: only through an approval or by the role responsible.
    const QString ownCustomer = "/api/v1/customers/" + own.customer;
    for (const QJsonObject &edit :
         { QJsonObject{ { "risk_level", "high" } }, QJsonObject{ { "kyc_status", "verified" } },
           QJsonObject{ { "fee_rate_debit", 1 } }, QJsonObject{ { "credit_limit_fen", 100 } },
           QJsonObject{ { "settlement_account", "6222020200112233445" } },
           QJsonObject{ { "status", "active" } } }) {
        attempt(server, "sensitive field", "rep", "PATCH", ownCustomer, edit, 403, "customers",
                own.customer);
        attempt(server, "sensitive field", "xmgr", "PATCH", ownCustomer, edit, 403, "customers",
                own.customer);
    }
    attempt(server, "sensitive field", "rep", "POST", "/api/v1/customers",
            { { "legal_name", "自评低风险" }, { "risk_level", "low" } }, 403, "customers",
            QString());

    // Reassignment out of scope: a rep hands nothing out; a branch manager only within the
    // branch and below; nobody moves a record into a branch they cannot see.
    attempt(server, "reassignment out of scope", "rep", "PATCH", ownCustomer,
            { { "owner_id", nbrep.userId } }, 403, "customers", own.customer);
    attempt(server, "reassignment out of scope", "xmgr", "PATCH", ownCustomer,
            { { "owner_id", rep2.userId } }, 403, "customers", own.customer);
    attempt(server, "reassignment out of scope", "xmgr", "PATCH", ownCustomer,
            { { "owner_id", nbrep.userId } }, 403, "customers", own.customer);
    attempt(server, "reassignment out of scope", "xmgr", "PATCH", ownCustomer,
            { { "branch_id", server.org().nanjing.id } }, 403, "customers", own.customer);
    attempt(server, "reassignment out of scope", "zjmgr", "PATCH", ownCustomer,
            { { "owner_id", server.caller("admin").userId } }, 422, "customers", own.customer);
    attempt(server, "reassignment out of scope", "rep", "PATCH",
            "/api/v1/tasks/" + own.task, { { "owner_id", rep2.userId } }, 403, "tasks", own.task);
    attempt(server, "reassignment out of scope", "rep", "PATCH",
            "/api/v1/contacts/" + own.contact, { { "customer_id", far.customer } }, 403,
            "contacts", own.contact);
    attempt(server, "reassignment out of scope", "rep", "POST", "/api/v1/leads",
            { { "name", "塞给别人" }, { "phone", "13700000004" }, { "owner_id", rep2.userId } },
            403, "leads", QString());
    attempt(server, "reassignment out of scope", "rep", "POST", "/api/v1/contacts",
            { { "customer_id", far.customer }, { "name", "别人的联系人" } }, 403, "contacts",
            QString());
    // Within the subtree it goes through, and the record follows its new owner's branch.
    attempt(server, "reassignment in scope", "zjmgr", "PATCH", "/api/v1/leads/" + own.lead,
            { { "owner_id", nbrep.userId } }, 200, "leads", own.lead);
    QCOMPARE(rowOf(server.database(), "leads", own.lead).isEmpty(), false);
    QCOMPARE(countOf(server.database(), "SELECT count(*) FROM leads WHERE id = ? AND branch_id = ?",
                     { own.lead, server.ningbo().id }),
             1);

    // The routes that write no record, each with what stops an insider's misuse of it.
    m_routesCovered << "POST /api/v1/auth/login" << "POST /api/v1/auth/refresh"
                    << "POST /api/v1/auth/logout"; // sign-in: tst_signin, tst_insiderattacks
    m_routesCovered << "POST /api/v1/sync/pull"; // reads only
    m_routesCovered << "POST /api/v1/sync/push"; // every synced table: the test below
    const QString revoke = "/api/v1/admin/users/" + server.caller("xmgr").userId
            + "/devices/xmgr-laptop/revoke";
    QCOMPARE(server.call("rep", "POST", revoke).status, 403);
    QCOMPARE(server.call("xmgr", "POST", revoke).status, 403);
    m_routesCovered << "POST /api/v1/admin/users/{id}/devices/{device}/revoke";
    // Integrations take their own API key, never a person's token.
    for (const char *route : { "/api/v1/integrations/transactions/daily",
                                 "/api/v1/integrations/leads" }) {
        QCOMPARE(server.call("admin", "POST", route, { { "name", "x" } }).status, 401);
        m_routesCovered << "POST " + QString::fromLatin1(route);
    }
    // Approval flows are an administrator's.
    for (const char *route : { "/api/v1/admin/approval-flows/fee_rate_change/versions",
                                 "/api/v1/admin/approval-flows/fee_rate_change/versions/1/activate" }) {
        QCOMPARE(server.call("zjmgr", "POST", route, { { "code", "x" } }).status, 403);
    }
    m_routesCovered << "POST /api/v1/admin/approval-flows/{code}/versions"
                    << "POST /api/v1/admin/approval-flows/{code}/versions/{version}/activate";

    // Every write route the server serves has been attacked above.
    for (const Router::Route &route : server.router().routes()) {
        if (route.method == "GET" || route.method == "HEAD")
            continue;
        const QString name = QString::fromLatin1(route.method) + ' ' + route.pattern;
        QVERIFY2(m_routesCovered.contains(name),
                 qPrintable("no write-gate scenario for " + name
                            + ": add one to tests/security/tst_writegate.cpp"));
    }
}

void TestWriteGate::everySyncedTableGoesThroughTheGate()
{
    SECURITY_SERVER(server);
    QVERIFY(seed(server));
    m_tablesCovered.clear();
    const Book own = bookOf(server, "rep");
    const Book sibling = bookOf(server, "nbrep");
    const Book far = bookOf(server, "rep2");
    const Caller rep = server.caller("rep");
    const Caller rep2 = server.caller("rep2");
    using O = sync::Outcome;

    // The owned kinds: customers, leads, tasks and contacts.
    struct Kind
    {
        QString table;
        QString Book::*id;
        QJsonObject ordinaryEdit;
        QJsonObject create;
        QJsonObject outOfScope; // a change that would take the record out of the rep's scope
    };
    const QList<Kind> kinds{
        { "customers", &Book::customer, { { "notes", "离线修改" } },
          { { "legal_name", "离线新建商户" }, { "kind", "merchant" } },
          { { "owner_id", rep2.userId } } },
        { "leads", &Book::lead, { { "notes", "离线修改" } },
          { { "name", "离线新线索" }, { "phone", "13700000003" } },
          { { "owner_id", rep2.userId } } },
        { "tasks", &Book::task, { { "notes", "离线修改" } },
          { { "title", "离线新任务" }, { "due_at", "2026-12-30T08:00:00.000Z" } },
          { { "owner_id", rep2.userId } } },
        { "contacts", &Book::contact, { { "notes", "离线修改" } },
          { { "customer_id", own.customer }, { "name", "离线联系人" } },
          { { "customer_id", far.customer } } },
    };
    for (const Kind &kind : kinds) {
        const QString ownId = own.*kind.id;
        pushAttempt(server, "own record", "rep", mutation(kind.table, ownId, Op::Update, kind.ordinaryEdit),
                    O::Applied, true);
        pushAttempt(server, "sibling branch", "rep",
                    mutation(kind.table, sibling.*kind.id, Op::Update, kind.ordinaryEdit),
                    O::Rejected, true, false);
        pushAttempt(server, "sibling branch", "xmgr",
                    mutation(kind.table, sibling.*kind.id, Op::Delete), O::Rejected, true, false);
        pushAttempt(server, "other region", "zjmgr",
                    mutation(kind.table, far.*kind.id, Op::Update, kind.ordinaryEdit),
                    O::Rejected, true, false);
        pushAttempt(server, "other region", "rep", mutation(kind.table, far.*kind.id, Op::Delete),
                    O::Rejected, true, false);
        pushAttempt(server, "hidden field", "rep",
                    mutation(kind.table, ownId, Op::Update, { { "deleted", 1 } }), O::Rejected,
                    true);
        pushAttempt(server, "reassignment out of scope", "rep",
                    mutation(kind.table, ownId, Op::Update, kind.outOfScope), O::Rejected, true);
        pushAttempt(server, "own record", "rep",
                    mutation(kind.table, newRecordId(), Op::Insert, kind.create), O::Applied, true);
        QJsonObject foreign = kind.create;
        for (auto it = kind.outOfScope.begin(); it != kind.outOfScope.end(); ++it)
            foreign.insert(it.key(), it.value());
        pushAttempt(server, "reassignment out of scope", "rep",
                    mutation(kind.table, newRecordId(), Op::Insert, foreign), O::Rejected, true);
    }
    for (const QJsonObject &edit :
         { QJsonObject{ { "risk_level", "high" } }, QJsonObject{ { "fee_rate_qr", 1 } },
           QJsonObject{ { "settlement_account", "6222020200112233445" } } })
        pushAttempt(server, "sensitive field", "rep",
                    mutation("customers", own.customer, Op::Update, edit), O::Rejected, true);

    // The timeline: a logged call goes through with the author the client names (itself);
    // nobody rewrites or deletes an entry — the manager's note included.
    pushAttempt(server, "own record", "rep",
                mutation("activities", newRecordId(), Op::Insert,
                         { { "kind", "call" },
                           { "related_table", "customers" },
                           { "related_id", own.customer },
                           { "author_id", rep.userId },
                           { "occurred_at", "2026-12-02T02:00:00.000Z" },
                           { "subject", "电话回访" } }),
                O::Applied, true);
    pushAttempt(server, "append-only kind", "rep",
                mutation("activities", own.activity, Op::Update, { { "subject", "可以放款" } }),
                O::Rejected, true);
    pushAttempt(server, "append-only kind", "rep", mutation("activities", own.activity, Op::Delete),
                O::Rejected, true);
    pushAttempt(server, "other region", "rep",
                mutation("activities", newRecordId(), Op::Insert,
                         { { "kind", "note" },
                           { "related_table", "customers" },
                           { "related_id", far.customer },
                           { "subject", "x" } }),
                O::Rejected, true);
    pushAttempt(server, "hidden field", "rep",
                mutation("activities", newRecordId(), Op::Insert,
                         { { "kind", "note" },
                           { "related_table", "customers" },
                           { "related_id", own.customer },
                           { "author_id", rep2.userId },
                           { "subject", "冒名" } }),
                O::Rejected, true);

    // The KYC checklist: the rep hands in, only risk verifies, nobody touches another's.
    const QString licence = KycRules::itemId(own.customer, KycItemKind::BusinessLicence);
    pushAttempt(server, "own record", "rep",
                mutation("kyc_items", licence, Op::Insert,
                         { { "customer_id", own.customer },
                           { "item", "business_licence" },
                           { "state", "submitted" } }),
                O::Applied, true);
    pushAttempt(server, "sensitive field", "rep",
                mutation("kyc_items", licence, Op::Update, { { "state", "verified" } }),
                O::Rejected, true);
    const QString farLicence = KycRules::itemId(far.customer, KycItemKind::BusinessLicence);
    pushAttempt(server, "other region", "rep",
                mutation("kyc_items", farLicence, Op::Insert,
                         { { "customer_id", far.customer },
                           { "item", "business_licence" },
                           { "state", "submitted" } }),
                O::Rejected, true);

    // What the transaction system feeds and the reference data: read-only on every client.
    for (const char *table : { "terminals", "merchant_volumes" })
        pushAttempt(server, "read-only kind", "rep",
                    mutation(QString::fromLatin1(table), newRecordId(), Op::Insert, { { "customer_id", own.customer } }),
                    O::Rejected, true);
    pushAttempt(server, "read-only kind", "admin",
                mutation("branches", server.org().xihu.id, Op::Update, { { "name", "改名" } }),
                O::Rejected, false);
    pushAttempt(server, "read-only kind", "admin",
                mutation("users", rep.userId, Op::Update, { { "role", "admin" } }), O::Rejected,
                false);

    // The conflict journal: its resolutions write records, so they go through the gate too.
    // A refused edit of the rep's own customer is journalled; resolving it with "mine" or
    // with a merged value that moves the customer away is refused like the edit itself.
    const sync::MutationResult refused =
            server.push("rep", mutation("customers", own.customer, Op::Update,
                                        { { "risk_level", "high" }, { "notes", "x" } }));
    QCOMPARE(refused.outcome, O::Rejected);
    QCOMPARE(refused.conflicts.size(), 1);
    const QString entry = refused.conflicts.first();
    pushAttempt(server, "sensitive field", "rep",
                mutation("sync_conflicts", entry, Op::Resolve, { { "resolution", "merged" },
                                                               { "value",
                                                                 QJsonObject{ { "owner_id",
                                                                                rep2.userId },
                                                                              { "branch_id",
                                                                                server.org().nanjing.id } } } }),
                O::Rejected, true);
    QCOMPARE(rowOf(server.database(), "customers", own.customer).isEmpty(), false);
    QCOMPARE(countOf(server.database(), "SELECT count(*) FROM customers WHERE id = ? AND owner_id = ?",
                     { own.customer, rep.userId }),
             1);
    pushAttempt(server, "sensitive field", "rep",
                mutation("sync_conflicts", entry, Op::Resolve, { { "resolution", "mine" } }),
                O::Rejected, true);
    // Somebody else's journal entry is not there for the rep (nor for another region's
    // manager), and a refused push on another region's record left no entry to resolve.
    pushAttempt(server, "other region", "njmgr",
                mutation("sync_conflicts", entry, Op::Resolve, { { "resolution", "mine" } }),
                O::Rejected, false, false);
    QCOMPARE(countOf(server.database(), "SELECT count(*) FROM sync_conflicts WHERE record_id = ?",
                     { far.customer }),
             0);

    // Approvals are commands with their own checks (tst_approval*): a request is made only
    // on a customer the requester sees; steps are the flow's; a decision needs an approver.
    pushAttempt(server, "other region", "rep",
                mutation("approval_requests", newRecordId(), Op::Insert,
                         { { "flow_code", "fee_rate_change" },
                           { "record_table", "customers" },
                           { "record_id", far.customer },
                           { "proposed", QJsonObject{ { "fee_rate_debit", 3500 } } },
                           { "reason", "降费率" } }),
                O::Rejected, false);
    QCOMPARE(countOf(server.database(), "SELECT count(*) FROM approval_requests WHERE record_id = ?",
                     { far.customer }),
             0);
    pushAttempt(server, "read-only kind", "rep",
                mutation("approval_steps", newRecordId(), Op::Insert, { { "request_id", "x" } }),
                O::Rejected, false);
    pushAttempt(server, "other region", "rep",
                mutation("approval_decisions", newRecordId(), Op::Insert,
                         { { "request_id", newRecordId() }, { "decision", "approve" },
                           { "expected_step", 1 } }),
                O::Rejected, false);

    // Dashboards: only the owner writes one.
    const QString dashboard = newRecordId();
    pushAttempt(server, "own record", "zjmgr",
                mutation("dashboards", dashboard, Op::Insert,
                         { { "name", "分行业绩" },
                           { "definition",
                             "{\"widgets\":[{\"id\":\"w1\",\"type\":\"bar\",\"title\":\"t\","
                             "\"x\":0,\"y\":0,\"w\":6,\"h\":4}],"
                             "\"date_range\":{\"kind\":\"last_30_days\"}}" } }),
                O::Applied, false);
    pushAttempt(server, "sibling branch", "xmgr",
                mutation("dashboards", dashboard, Op::Update, { { "name", "改名" } }), O::Rejected,
                false, false);

    // Every synced table has been attacked above.
    for (const SyncTable *table : SyncTables().inOrder())
        QVERIFY2(m_tablesCovered.contains(table->table()),
                 qPrintable("no write-gate scenario for the synced table " + table->table()
                            + ": add one to tests/security/tst_writegate.cpp"));
}

QTEST_GUILESS_MAIN(TestWriteGate)
#include "tst_writegate.moc"
