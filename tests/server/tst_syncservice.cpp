// SPDX-License-Identifier: GPL-3.0-or-later
// The server's half of sync on SQLite and PostgreSQL (docs/sync.md): snapshot then tail in
// scope, exactly-once pushes, per-field merge with the conflict journal, sensitive fields,
// edit against delete, removals when scope shrinks, refetch, and refused input.
#include "ServerFixture.h"
#include "core/PiiVault.h"
#include "records/CustomerService.h"
#include "sync/SyncService.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

using namespace branchline;
using namespace branchline::server;

namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

sync::Mutation update(qint64 number, const QString &id, const QJsonObject &fields,
                      const sync::FieldVersions &base, qint64 baseVersion = 0)
{
    sync::Mutation mutation;
    mutation.number = number;
    mutation.table = QStringLiteral("customers");
    mutation.id = id;
    mutation.op = sync::Mutation::Op::Update;
    mutation.fields = fields;
    mutation.base = base;
    mutation.baseVersion = baseVersion;
    return mutation;
}

// Everything a caller's client would pull from `cursor` until caught up.
struct Pulled
{
    QHash<QString, sync::Change> byId;
    QSet<QString> removed;
    QString cursor;
    QList<sync::MutationResult> results;
    int pages = 0;
    qint64 snapshotTotal = -1; // what a page said the whole snapshot holds
    int pagesWithTotal = 0;
};

} // namespace

class TestSyncService : public QObject
{
    Q_OBJECT

private slots:
    void snapshotThenTailInScope_data() { test::addEngineRows(); }
    void snapshotThenTailInScope();
    void pushIsExactlyOnce_data() { test::addEngineRows(); }
    void pushIsExactlyOnce();
    void mergesFieldsAndJournalsLosers_data() { test::addEngineRows(); }
    void mergesFieldsAndJournalsLosers();
    void editAgainstDeleteIsAConflict_data() { test::addEngineRows(); }
    void editAgainstDeleteIsAConflict();
    void scopeShrinkSendsRemovals_data() { test::addEngineRows(); }
    void scopeShrinkSendsRemovals();
    void refusesBadInput_data() { test::addEngineRows(); }
    void refusesBadInput();

private:
    static sync::PushResponse push(SyncService &service, const Caller &caller,
                                   const QString &clientId, const QList<sync::Mutation> &mutations,
                                   qint64 firstMutation = 1)
    {
        sync::PushRequest request{ clientId, mutations, firstMutation };
        const RecordOutcome outcome = service.push(caller, request.toJson());
        [&] {
            QVERIFY2(outcome.status == 200, QJsonDocument(outcome.body).toJson().constData());
        }();
        QString problem;
        const auto response = sync::PushResponse::fromJson(outcome.body, &problem);
        [&] { QVERIFY2(response, qPrintable(problem)); }();
        return response.value_or(sync::PushResponse{});
    }

    static Pulled pullAll(SyncService &service, const Caller &caller, const QString &clientId,
                          const QString &from = QString(), int pageSize = 3)
    {
        Pulled pulled;
        pulled.cursor = from;
        for (;;) {
            sync::PullRequest request{ clientId, pulled.cursor, pageSize, 0 };
            const RecordOutcome outcome = service.pull(caller, request.toJson());
            [&] {
                QVERIFY2(outcome.status == 200, QJsonDocument(outcome.body).toJson().constData());
            }();
            QString problem;
            const auto page = sync::PullPage::fromJson(outcome.body, &problem);
            [&] { QVERIFY2(page, qPrintable(problem)); }();
            if (!page || page->mode == sync::PullPage::Mode::Refetch)
                return pulled;
            ++pulled.pages;
            if (page->snapshotTotal >= 0) {
                pulled.snapshotTotal = page->snapshotTotal;
                ++pulled.pagesWithTotal;
            }
            for (const sync::Change &change : page->changes) {
                if (change.op == sync::Change::Op::Remove) {
                    pulled.byId.remove(change.id);
                    pulled.removed.insert(change.id);
                } else {
                    pulled.byId.insert(change.id, change);
                    pulled.removed.remove(change.id);
                }
            }
            pulled.results = page->results;
            pulled.cursor = page->cursor;
            if (!page->more)
                return pulled;
        }
    }

    static QString createCustomer(Database &database, const Caller &caller, const QString &name)
    {
        CustomerService customers(database);
        const RecordOutcome created =
                customers.create(caller, { { "legal_name", name }, { "kind", "merchant" } });
        [&] { QCOMPARE(created.status, 201); }();
        return created.body.value("id").toString();
    }

    static QJsonObject row(Database &database, const QString &id)
    {
        QSqlQuery query(database.connection());
        query.prepare("SELECT legal_name, notes, risk_level, deleted, version FROM customers "
                      "WHERE id = ?");
        query.addBindValue(id);
        if (!query.exec() || !query.next())
            return {};
        return { { "legal_name", query.value(0).toString() },
                 { "notes", query.value(1).toString() },
                 { "risk_level", query.value(2).toString() },
                 { "deleted", query.value(3).toInt() },
                 { "version", query.value(4).toLongLong() } };
    }

    static int journalCount(Database &database, const QString &kind)
    {
        QSqlQuery query(database.connection());
        query.prepare("SELECT COUNT(*) FROM sync_conflicts WHERE kind = ?");
        query.addBindValue(kind);
        return query.exec() && query.next() ? query.value(0).toInt() : -1;
    }
};

void TestSyncService::snapshotThenTailInScope()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    QStringList mine;
    for (int i = 0; i < 5; ++i)
        mine << createCustomer(fixture.database(), org.rep, QStringLiteral("西湖商户%1").arg(i));
    const QString theirs = createCustomer(fixture.database(), org.otherRep, "南京商户");

    SyncService service(fixture.database());
    const QString client = newId();
    Pulled pulled = pullAll(service, org.rep, client);
    QVERIFY(pulled.pages >= 3); // small pages: the snapshot really is paged
    // The first page said how many rows the whole snapshot would bring, and only it did.
    QCOMPARE(pulled.pagesWithTotal, 1);
    QCOMPARE(pulled.snapshotTotal, qint64(pulled.byId.size()));
    for (const QString &id : mine) {
        QVERIFY(pulled.byId.contains(id));
        QCOMPARE(pulled.byId[id].table, QStringLiteral("customers"));
    }
    QVERIFY(!pulled.byId.contains(theirs)); // another rep's customer never leaves the server
    QVERIFY(pulled.byId.contains(org.xihu.id)); // branches and users come to everyone
    for (const sync::Change &change : std::as_const(pulled.byId))
        if (change.table == QLatin1String("users"))
            QVERIFY(!change.row.contains("password_hash") && !change.row.contains("login"));

    // The tail brings changes made after the snapshot, and only those in scope.
    CustomerService customers(fixture.database());
    QCOMPARE(customers.update(org.rep, mine[0], { { "notes", "回访" } }).status, 200);
    QCOMPARE(customers.update(org.otherRep, theirs, { { "notes", "不相干" } }).status, 200);
    const QString later = createCustomer(fixture.database(), org.rep, "新商户");
    Pulled tail = pullAll(service, org.rep, client, pulled.cursor);
    QCOMPARE(tail.byId.size(), 2);
    QCOMPARE(tail.byId[mine[0]].row.value("notes").toString(), QStringLiteral("回访"));
    QVERIFY(tail.byId[mine[0]].versions.value("notes") > 0);
    QVERIFY(tail.byId.contains(later));

    // Caught up: the cursor stays and nothing more comes.
    Pulled again = pullAll(service, org.rep, client, tail.cursor);
    QCOMPARE(again.byId.size(), 0);
    QCOMPARE(again.cursor, tail.cursor);

    // A manager of the region sees the branch below it; PII comes masked as the role sees it.
    QVERIFY(customers.update(org.rep, mine[1], { { "phone", "13812345678" } }).status == 200);
    Pulled manager = pullAll(service, org.manager, newId(), QString(), 50);
    QVERIFY(manager.byId.contains(mine[1]));
    QVERIFY(!manager.byId.contains(theirs));
    QVERIFY(manager.byId[mine[1]].row.value("phone").toString() != QStringLiteral("13812345678"));
}

void TestSyncService::pushIsExactlyOnce()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    SyncService service(fixture.database());
    const QString client = newId();
    const QString id = newId();

    sync::Mutation insert;
    insert.number = 1;
    insert.table = "customers";
    insert.id = id;
    insert.op = sync::Mutation::Op::Insert;
    insert.fields = { { "legal_name", "离线新建商户" }, { "kind", "merchant" }, { "tags", "a,b" } };
    const QList<sync::Mutation> batch{ insert, update(2, id, { { "notes", "第一次" } }, {}) };
    sync::PushResponse first = push(service, org.rep, client, batch);
    QCOMPARE(first.results.size(), 2);
    QCOMPARE(first.results[0].outcome, sync::Outcome::Applied);
    QCOMPARE(first.results[1].outcome, sync::Outcome::Applied);
    QCOMPARE(first.lastMutation, 2);
    const qint64 version = row(fixture.database(), id).value("version").toInteger();
    QCOMPARE(version, first.results[1].seq);

    // The reply was lost: the same batch again is acknowledged and not applied twice.
    sync::PushResponse repeat = push(service, org.rep, client, batch);
    QCOMPARE(repeat.results.size(), 2);
    QCOMPARE(repeat.results[1].seq, first.results[1].seq);
    QCOMPARE(row(fixture.database(), id).value("version").toInteger(), version);

    // Results reach the client through pull too (rule 5).
    Pulled pulled = pullAll(service, org.rep, client, QString(), 100);
    QCOMPARE(pulled.results.size(), 2);
    QCOMPARE(pulled.results[0].mutation, 1);
    QCOMPARE(pulled.byId[id].row.value("tags").toString(), QStringLiteral("a,b"));

    // A gap is refused; nothing after it is applied.
    sync::PushResponse gap =
            push(service, org.rep, client, { update(5, id, { { "notes", "跳号" } }, {}) });
    QCOMPARE(gap.refusedCode, QStringLiteral("mutation_gap"));
    QCOMPARE(gap.expected, 3);
    QCOMPARE(row(fixture.database(), id).value("notes").toString(), QStringLiteral("第一次"));

    // Reordered within a batch is a gap too; replayed-then-new goes through.
    sync::PushResponse mixed = push(service, org.rep, client,
                                    { batch[1], update(3, id, { { "notes", "第三次" } }, {}) });
    QCOMPARE(mixed.results.size(), 2);
    QCOMPARE(mixed.lastMutation, 3);
    QCOMPARE(row(fixture.database(), id).value("notes").toString(), QStringLiteral("第三次"));

    // A new id must start at 1 unless its store says otherwise.
    const QString unknown = newId();
    sync::PushResponse unannounced =
            push(service, org.rep, unknown, { update(41, id, { { "notes", "跳号" } }, {}) });
    QCOMPARE(unannounced.refusedCode, QStringLiteral("mutation_gap"));
    QCOMPARE(unannounced.expected, 1);

    // A store that re-registered under a new id after a server restore goes on with its own
    // numbers; from then on the new id's numbers must follow without a gap too.
    const QString reRegistered = newId();
    sync::PushResponse resumed = push(service, org.rep, reRegistered,
                                      { update(41, id, { { "notes", "恢复后" } }, {}) }, 41);
    QVERIFY(resumed.refusedCode.isEmpty());
    QCOMPARE(resumed.lastMutation, 41);
    sync::PushResponse afterResume =
            push(service, org.rep, reRegistered, { update(43, id, { { "notes", "跳号" } }, {}) });
    QCOMPARE(afterResume.refusedCode, QStringLiteral("mutation_gap"));
    QCOMPARE(afterResume.expected, 42);
    QCOMPARE(row(fixture.database(), id).value("notes").toString(), QStringLiteral("恢复后"));

    // A restored server learns from the pull that it forgot acknowledged mutations: for a
    // known id after its last one, for an unknown id after where the id starts.
    const auto forgotten = [&](const QString &clientId, qint64 acked, qint64 firstNumber) {
        sync::PullRequest request{ clientId, {}, 10, acked, firstNumber };
        const RecordOutcome outcome = service.pull(org.rep, request.toJson());
        QString problem;
        const auto page = sync::PullPage::fromJson(outcome.body, &problem);
        return page && page->mode == sync::PullPage::Mode::Refetch ? page->forgottenAfter : -1;
    };
    QCOMPARE(forgotten(client, 7, 1), 3); // the server's last for `client` is 3
    QCOMPARE(forgotten(client, 3, 1), -1);
    QCOMPARE(forgotten(newId(), 5, 1), 0);
    QCOMPARE(forgotten(newId(), 40, 41), -1); // re-registered, nothing pushed yet

    // Another user presenting this device's id is refused.
    sync::PushRequest forged{ client, { update(4, id, { { "notes", "冒用" } }, {}) } };
    QCOMPARE(service.push(org.otherRep, forged.toJson()).status, 403);
    QCOMPARE(service.pull(org.otherRep, sync::PullRequest{ client, {}, 10, 0 }.toJson()).status,
             403);
}

void TestSyncService::mergesFieldsAndJournalsLosers()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    SyncService service(fixture.database());
    const QString id = createCustomer(fixture.database(), org.rep, "合并测试商户");
    const QString laptop = newId();
    const QString tablet = newId();

    // Different fields from two devices, both offline from the same base: both apply.
    QCOMPARE(push(service, org.rep, laptop, { update(1, id, { { "notes", "笔记本" } }, {}) })
                     .results[0]
                     .outcome,
             sync::Outcome::Applied);
    QCOMPARE(push(service, org.rep, tablet, { update(1, id, { { "address", "西湖路1号" } }, {}) })
                     .results[0]
                     .outcome,
             sync::Outcome::Applied);

    // The same ordinary field from the same stale base: the later applied wins, the earlier
    // value is journalled for its author.
    const sync::PushResponse race =
            push(service, org.rep, tablet, { update(2, id, { { "notes", "平板" } }, {}) });
    QCOMPARE(race.results[0].outcome, sync::Outcome::Merged);
    QCOMPARE(race.results[0].conflicts.size(), 1);
    QCOMPARE(row(fixture.database(), id).value("notes").toString(), QStringLiteral("平板"));
    QCOMPARE(journalCount(fixture.database(), "overwritten"), 1);
    QSqlQuery journal(fixture.database().connection());
    QVERIFY(journal.exec("SELECT client_value, user_id, id FROM sync_conflicts WHERE kind = "
                         "'overwritten'")
            && journal.next());
    // Stored sealed, as every value in the journal (it may be anyone's phone number).
    QVERIFY(!journal.value(0).toString().contains(QStringLiteral("笔记本")));
    QCOMPARE(sync::decodeValue(PiiVault::openOrThrow(journal.value(0).toString(),
                                                     { "sync_conflicts", "client_value",
                                                       journal.value(2).toString() }))
                     .toString(),
             QStringLiteral("笔记本"));
    QCOMPARE(journal.value(1).toString(), org.rep.userId);

    // A sensitive field with a stale base is refused and journalled for a person to decide.
    CustomerService customers(fixture.database());
    QCOMPARE(customers.update(org.risk, id, { { "risk_level", "medium" } }).status, 200);
    const sync::PushResponse stale =
            push(service, org.risk, newId(), { update(1, id, { { "risk_level", "high" } }, {}) });
    QCOMPARE(stale.results[0].outcome, sync::Outcome::Conflict);
    QCOMPARE(stale.results[0].code, QStringLiteral("sensitive_field"));
    QCOMPARE(row(fixture.database(), id).value("risk_level").toString(), QStringLiteral("medium"));
    QCOMPARE(journalCount(fixture.database(), "sensitive"), 1);

    // The risk officer resolves it: keep mine writes the refused value, and the resolution
    // is itself recorded.
    QSqlQuery open(fixture.database().connection());
    QVERIFY(open.exec("SELECT id FROM sync_conflicts WHERE kind = 'sensitive'") && open.next());
    const QString conflictId = open.value(0).toString();
    sync::Mutation resolve;
    resolve.number = 1;
    resolve.table = "sync_conflicts";
    resolve.id = conflictId;
    resolve.op = sync::Mutation::Op::Resolve;
    resolve.fields = { { "resolution", "mine" } };
    const QString riskDevice = newId();
    QCOMPARE(push(service, org.risk, riskDevice, { resolve }).results[0].outcome,
             sync::Outcome::Applied);
    QCOMPARE(row(fixture.database(), id).value("risk_level").toString(), QStringLiteral("high"));
    resolve.number = 2;
    QCOMPARE(push(service, org.risk, riskDevice, { resolve }).results[0].code,
             QStringLiteral("already_resolved"));

    // Same value from a stale base is no conflict at all.
    QCOMPARE(push(service, org.rep, laptop, { update(2, id, { { "notes", "平板" } }, {}) })
                     .results[0]
                     .outcome,
             sync::Outcome::Applied);
}

void TestSyncService::editAgainstDeleteIsAConflict()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    SyncService service(fixture.database());
    CustomerService customers(fixture.database());
    const QString deleted = createCustomer(fixture.database(), org.rep, "将被删除");
    const QString edited = createCustomer(fixture.database(), org.rep, "将被修改");
    const qint64 editedBase = row(fixture.database(), edited).value("version").toInteger();

    QCOMPARE(customers.remove(org.manager, deleted).status, 200);
    const sync::PushResponse edit = push(service, org.rep, newId(),
                                         { update(1, deleted, { { "notes", "离线修改" } }, {}) });
    QCOMPARE(edit.results[0].outcome, sync::Outcome::Conflict);
    QCOMPARE(edit.results[0].code, QStringLiteral("edit_delete"));
    QCOMPARE(row(fixture.database(), deleted).value("deleted").toInt(), 1);

    QCOMPARE(customers.update(org.rep, edited, { { "notes", "服务器上改了" } }).status, 200);
    sync::Mutation remove = update(1, edited, {}, {}, editedBase);
    remove.op = sync::Mutation::Op::Delete;
    const QString managerDevice = newId();
    const sync::PushResponse gone = push(service, org.manager, managerDevice, { remove });
    QCOMPARE(gone.results[0].outcome, sync::Outcome::Conflict);
    QCOMPARE(row(fixture.database(), edited).value("deleted").toInt(), 0);
    QCOMPARE(journalCount(fixture.database(), "edit_delete"), 2);

    // A delete from the current version goes through, and again is harmless.
    remove.number = 2;
    remove.baseVersion = row(fixture.database(), edited).value("version").toInteger();
    QCOMPARE(push(service, org.manager, managerDevice, { remove }).results[0].outcome,
             sync::Outcome::Applied);
    remove.number = 3;
    QCOMPARE(push(service, org.manager, managerDevice, { remove }).results[0].outcome,
             sync::Outcome::Applied);
    QCOMPARE(row(fixture.database(), edited).value("deleted").toInt(), 1);
}

void TestSyncService::scopeShrinkSendsRemovals()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    SyncService service(fixture.database());
    const QString id = createCustomer(fixture.database(), org.rep, "将转交的商户");
    const QString client = newId();
    Pulled pulled = pullAll(service, org.rep, client, QString(), 100);
    QVERIFY(pulled.byId.contains(id));

    // The manager hands the customer to a colleague: the rep's next pull removes it.
    CustomerService customers(fixture.database());
    QCOMPARE(customers.update(org.manager, id, { { "owner_id", org.manager.userId } }).status, 200);
    Pulled tail = pullAll(service, org.rep, client, pulled.cursor, 100);
    QVERIFY(tail.removed.contains(id));
    // The rep's edit to it now is refused as if the record did not exist. Nothing of a record
    // outside the rep's scope goes into the server's journal: an entry would name it, and
    // resolving it would write it. The rep's client keeps the edit in its own journal.
    const sync::PushResponse late =
            push(service, org.rep, client, { update(1, id, { { "notes", "晚到的修改" } }, {}) });
    QCOMPARE(late.results[0].outcome, sync::Outcome::Rejected);
    QCOMPARE(late.results[0].code, QStringLiteral("not_found"));
    QVERIFY(late.results[0].conflicts.isEmpty());
    QCOMPARE(journalCount(fixture.database(), "rejected"), 0);
}

void TestSyncService::refusesBadInput()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    SyncService service(fixture.database());
    const QString client = newId();

    QJsonObject old = sync::PullRequest{ client, {}, 10, 0 }.toJson();
    old.insert("protocol_version", 0);
    QCOMPARE(service.pull(org.rep, old).status, 426);
    QCOMPARE(service.pull(org.rep, { { "protocol_version", 1 }, { "schema_version", 2 } }).status,
             400);
    QJsonObject huge = sync::PullRequest{ client, {}, 10, 0 }.toJson();
    huge.insert("page_size", 1000000);
    QCOMPARE(service.pull(org.rep, huge).status, 400);

    // A cursor from another epoch, from the future (a restored server) or garbage: refetch.
    for (const QString &cursor : { QStringLiteral("t.otherepoch.0"), QStringLiteral("garbage"),
                                   QStringLiteral("t.%1.999999") }) {
        QString text = cursor;
        if (text.contains("%1")) {
            QSqlQuery epoch(fixture.database().connection());
            QVERIFY(epoch.exec("SELECT epoch FROM sync_state") && epoch.next());
            text = text.arg(epoch.value(0).toString());
        }
        const RecordOutcome outcome =
                service.pull(org.rep, sync::PullRequest{ client, text, 10, 0 }.toJson());
        QCOMPARE(outcome.status, 200);
        QCOMPARE(outcome.body.value("mode").toString(), QStringLiteral("refetch"));
    }
    // A cursor whose seq names another change here than where it was made (a restored server
    // that has logged as many changes again): refetch. One from before marks is still taken.
    Pulled pulled = pullAll(service, org.rep, client, QString(), 100);
    QStringList parts = pulled.cursor.split('.');
    QCOMPARE(parts.size(), 4);
    QCOMPARE(parts[0], QStringLiteral("t"));
    const auto modeFrom = [&](const QString &cursor) {
        return service.pull(org.rep, sync::PullRequest{ client, cursor, 10, 0 }.toJson())
                .body.value("mode")
                .toString();
    };
    QCOMPARE(modeFrom(pulled.cursor), QStringLiteral("tail"));
    parts[3] = QStringLiteral("000000000000");
    QCOMPARE(modeFrom(parts.join('.')), QStringLiteral("refetch"));
    QCOMPARE(modeFrom(parts.mid(0, 3).join('.')), QStringLiteral("tail"));

    // Older than retention: refetch too.
    createCustomer(fixture.database(), org.rep, "保留期测试");
    QVERIFY(fixture.database().inTransaction(
            [](QSqlDatabase &db, QString *txError) {
                return ChangeLog::prune(db, 1000000, txError);
            },
            &error));
    const RecordOutcome old2 =
            service.pull(org.rep, sync::PullRequest{ client, pulled.cursor, 10, 0 }.toJson());
    QCOMPARE(old2.body.value("mode").toString(), QStringLiteral("refetch"));

    // Invalid values and fields the role may not edit are rejected and journalled.
    const QString id = createCustomer(fixture.database(), org.rep, "校验测试");
    const sync::PushResponse bad =
            push(service, org.rep, client,
                 { update(1, id, { { "credit_code", "91330106000000001X" } }, {}),
                   update(2, id, { { "risk_level", "low" } }, {}),
                   update(3, id, { { "no_such_field", "x" } }, {}) });
    QCOMPARE(bad.results.size(), 3);
    for (const sync::MutationResult &result : bad.results)
        QCOMPARE(result.outcome, sync::Outcome::Rejected);
    QCOMPARE(bad.results[1].code, QStringLiteral("field_not_editable"));
    QCOMPARE(journalCount(fixture.database(), "rejected"), 3);
    // Malformed mutations never reach the database.
    QJsonObject malformed = sync::PushRequest{ client, {} }.toJson();
    malformed.insert("mutations", QJsonArray{ QJsonObject{ { "mutation", -1 } } });
    QCOMPARE(service.push(org.rep, malformed).status, 400);
}

QTEST_GUILESS_MAIN(TestSyncService)
#include "tst_syncservice.moc"
