// SPDX-License-Identifier: GPL-3.0-or-later
// What an insider with a rep's, a manager's or an administrator's account tried against the
// server (issue 14's review), each as a test named after the attack, over HTTP against the
// real server on both engines. Each failed on the server before its fix.
#include "SecurityServer.h"

#include "core/KeyRing.h"
#include "records/CustomerService.h"
#include "domain/rules/MobileNumber.h"

#include <QSqlQuery>

using namespace branchline;
using namespace branchline::server;
using namespace branchline::server::test;
using Op = sync::Mutation::Op;

namespace {

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

// A customer of `login`'s with a full phone number, made through the API as they would.
QString customerWithPhone(SecurityServer &server, const QString &login, const QString &name,
                          const QString &phone)
{
    return server
            .call(login, "POST", "/api/v1/customers",
                  { { "legal_name", name }, { "kind", "merchant" }, { "phone", phone } })
            .json.value("id")
            .toString();
}

} // namespace

class TestInsiderAttacks : public QObject
{
    Q_OBJECT

private slots:
    void resolvingARefusedPushToWriteAnotherRegionsCustomer_data() { addEngineRows(); }
    void resolvingARefusedPushToWriteAnotherRegionsCustomer();
    void rewritingTheManagersNoteThroughSync_data() { addEngineRows(); }
    void rewritingTheManagersNoteThroughSync();
    void enumeratingMaskedDigitsThroughSearch_data() { addEngineRows(); }
    void enumeratingMaskedDigitsThroughSearch();
    void searchingByPhoneAsAnAdministrator_data() { addEngineRows(); }
    void searchingByPhoneAsAnAdministrator();
    void readingARepsRefusedPhoneEditThroughTheJournal_data() { addEngineRows(); }
    void readingARepsRefusedPhoneEditThroughTheJournal();
    void fillingTheJournalWithAHugeRefusedValue_data() { addEngineRows(); }
    void fillingTheJournalWithAHugeRefusedValue();
    void readingTheDatabaseErrorFromA500_data() { addEngineRows(); }
    void readingTheDatabaseErrorFromA500();
    void usingARevokedIntegrationKey_data() { addEngineRows(); }
    void usingARevokedIntegrationKey();
};

void TestInsiderAttacks::resolvingARefusedPushToWriteAnotherRegionsCustomer()
{
    SECURITY_SERVER(server);
    // A Nanjing customer, with a phone the Zhejiang manager may not see.
    const QString target = customerWithPhone(server, "rep2", "南京鼓楼餐饮", "13912345678");
    QVERIFY(!target.isEmpty());

    // The Zhejiang manager pushes a move of it into his own region, with a new phone.
    const sync::MutationResult pushed =
            server.push("zjmgr", mutation("customers", target, Op::Update,
                                          { { "branch_id", server.org().zj.id },
                                            { "owner_id", server.org().zjmgr.userId },
                                            { "phone", "13800000000" } }));
    QCOMPARE(pushed.outcome, sync::Outcome::Rejected);
    QCOMPARE(pushed.code, QStringLiteral("not_found"));
    // Refused as if it did not exist, and nothing journalled that names it: there is no
    // entry to resolve "mine" into a write.
    QVERIFY(pushed.conflicts.isEmpty());
    QCOMPARE(scalar(server.database(), "SELECT count(*) FROM sync_conflicts WHERE record_id = ?",
                    { target })
                     .toInt(),
             0);
    // Resolving a guessed entry id changes nothing either.
    QCOMPARE(server.push("zjmgr", mutation("sync_conflicts", target, Op::Resolve,
                                           { { "resolution", "mine" } }))
                     .code,
             QStringLiteral("not_found"));
    QCOMPARE(scalar(server.database(), "SELECT branch_id FROM customers WHERE id = ?", { target })
                     .toString(),
             server.org().nanjing.id);
    QCOMPARE(scalar(server.database(), "SELECT owner_id FROM customers WHERE id = ?", { target })
                     .toString(),
             server.org().rep2.userId);
    // And the manager never sees its phone.
    QVERIFY(!server.pullAll("zjmgr").value("customers").contains(target));
}

void TestInsiderAttacks::rewritingTheManagersNoteThroughSync()
{
    SECURITY_SERVER(server);
    // The branch manager writes a warning on the rep's customer's timeline.
    const Answer note = server.call("xmgr", "POST", "/api/v1/activities",
                                    { { "kind", "note" },
                                      { "related_table", "customers" },
                                      { "related_id", server.org().merchant },
                                      { "subject", "客户风险较高，请勿放款" } });
    QCOMPARE(note.status, 201);
    const QString id = note.json.value("id").toString();
    // The rep rewrites it through a sync update, then tries to delete it.
    const sync::MutationResult rewritten = server.push(
            "rep", mutation("activities", id, Op::Update, { { "subject", "客户资质良好，可以放款" } }));
    QCOMPARE(rewritten.outcome, sync::Outcome::Rejected);
    QCOMPARE(rewritten.code, QStringLiteral("append_only"));
    QCOMPARE(server.push("rep", mutation("activities", id, Op::Delete)).code,
             QStringLiteral("append_only"));
    // Nor through a resolution of the journal entry the refusal opened.
    QCOMPARE(rewritten.conflicts.size(), 1);
    QCOMPARE(server.push("rep", mutation("sync_conflicts", rewritten.conflicts.first(),
                                         Op::Resolve, { { "resolution", "mine" } }))
                     .outcome,
             sync::Outcome::Rejected);
    QCOMPARE(scalar(server.database(), "SELECT subject FROM activities WHERE id = ?", { id })
                     .toString(),
             QStringLiteral("客户风险较高，请勿放款"));
    QCOMPARE(scalar(server.database(), "SELECT deleted FROM activities WHERE id = ?", { id }).toInt(),
             0);
}

void TestInsiderAttacks::enumeratingMaskedDigitsThroughSearch()
{
    SECURITY_SERVER(server);
    // The rep sees 139****5678 and tries the hidden digits one by one.
    QVERIFY(!customerWithPhone(server, "rep", "西湖茶行", "13912345678").isEmpty());
    int found = 0;
    int refusedAt = -1;
    for (int guess = 0; guess < 40 && refusedAt < 0; ++guess) {
        const QString phone = QStringLiteral("139%1").arg(1230 + guess, 4, 10, QLatin1Char('0'))
                + QStringLiteral("5678");
        const Answer answer = server.call("rep", "GET", "/api/v1/customers?q=" + phone);
        if (answer.status == 429) {
            refusedAt = guess;
            QCOMPARE(answer.json.value("code").toString(), QStringLiteral("too_many_lookups"));
            QVERIFY(!answer.json.value("message").toString().isEmpty());
        } else {
            QCOMPARE(answer.status, 200);
            found += int(answer.json.value("items").toArray().size());
        }
    }
    // Twenty an hour (the default): the ten thousand tries enumeration needs are out of reach.
    QCOMPARE(refusedAt, PiiLookups::defaultPerHour);
    QCOMPARE(found, 1);
    // Each lookup is audited with the field and the number of matches, never the value.
    QSqlDatabase db = server.database().connection();
    QSqlQuery query(db);
    QVERIFY(query.exec("SELECT detail FROM audit_log WHERE action = 'pii.lookup'"));
    int audited = 0;
    while (query.next()) {
        ++audited;
        const QString detail = query.value(0).toString();
        QVERIFY2(detail.contains("\"field\":\"phone\""), qPrintable(detail));
        QVERIFY2(!detail.contains("139"), qPrintable(detail));
    }
    QCOMPARE(audited, PiiLookups::defaultPerHour);
    QCOMPARE(scalar(server.database(),
                    "SELECT count(*) FROM audit_log WHERE action = 'pii.lookup_refused'")
                     .toInt(),
             1);
    // Another user's allowance is their own.
    QCOMPARE(server.call("xmgr", "GET", "/api/v1/customers?q=13912345678").status, 200);
}

void TestInsiderAttacks::searchingByPhoneAsAnAdministrator()
{
    SECURITY_SERVER(server);
    QVERIFY(!customerWithPhone(server, "rep", "西湖茶行", "13912345678").isEmpty());
    // An administrator may never see a phone unmasked, so may not probe one either.
    for (const char *q : { "13912345678", "+86 139-1234-5678" }) {
        const Answer answer =
                server.call("admin", "GET",
                            QString("/api/v1/customers?q="
                                    + QUrl::toPercentEncoding(QString::fromUtf8(q))));
        QCOMPARE(answer.status, 403);
        QCOMPARE(answer.json.value("code").toString(), QStringLiteral("pii_lookup_not_allowed"));
    }
    // A name still searches as it did.
    QCOMPARE(server.call("admin", "GET",
                         QString("/api/v1/customers?q=" + QUrl::toPercentEncoding(QStringLiteral("西湖"))))
                     .status,
             200);
}

void TestInsiderAttacks::readingARepsRefusedPhoneEditThroughTheJournal()
{
    SECURITY_SERVER(server);
    // The rep's edit that changes a phone and a field a rep may not set is refused whole and
    // journalled with both values.
    const sync::MutationResult refused =
            server.push("rep", mutation("customers", server.org().merchant, Op::Update,
                                        { { "phone", "13987654321" }, { "risk_level", "high" } }));
    QCOMPARE(refused.outcome, sync::Outcome::Rejected);
    QCOMPARE(refused.conflicts.size(), 1);
    // The branch manager pulls the journal of his branch: the phone in it is masked.
    const QJsonObject entry =
            server.pullAll("xmgr").value("sync_conflicts").value(refused.conflicts.first());
    QVERIFY(!entry.isEmpty());
    const QJsonObject clientValue =
            sync::decodeValue(entry.value("client_value").toString()).toObject();
    QCOMPARE(clientValue.value("phone").toString(), QStringLiteral("139****4321"));
    QVERIFY(!entry.value("client_value").toString().contains("13987654321"));
}

void TestInsiderAttacks::fillingTheJournalWithAHugeRefusedValue()
{
    SECURITY_SERVER(server);
    const QString huge(2 * 1024 * 1024, QChar(u'x'));
    const sync::MutationResult refused =
            server.push("rep", mutation("customers", server.org().merchant, Op::Update,
                                        { { "notes", huge }, { "risk_level", "low" } }));
    QCOMPARE(refused.outcome, sync::Outcome::Rejected);
    // What a client sent is kept only up to each field's limit (notes: 20,000 characters):
    // the device keeps the edit. The column holds it sealed, base64 of the ciphertext, so a
    // third longer than the bounded value and far from the 2 MiB sent.
    const int stored = scalar(server.database(),
                              "SELECT length(client_value) FROM sync_conflicts WHERE id = ?",
                              { refused.conflicts.value(0) })
                               .toInt();
    QVERIFY2(stored > 20000 && stored < 20000 * 4 / 3 + 1000, qPrintable(QString::number(stored)));
}

void TestInsiderAttacks::readingTheDatabaseErrorFromA500()
{
    SECURITY_SERVER(server);
    // The database fails under a request (a table gone, as a broken upgrade might leave it).
    QSqlDatabase db = server.database().connection();
    QSqlQuery query(db);
    QVERIFY(query.exec("ALTER TABLE tasks RENAME TO tasks_gone"));
    const Answer answer = server.call("rep", "GET", "/api/v1/tasks");
    QCOMPARE(answer.status, 500);
    const QString message = answer.json.value("message").toString();
    QVERIFY(!message.isEmpty());
    for (const char *word : { "tasks", "relation", "table", "SQL", "QPSQL", "QSQLITE" })
        QVERIFY2(!QString::fromUtf8(answer.raw).contains(word, Qt::CaseInsensitive),
                 qPrintable(QString::fromUtf8(answer.raw)));
    QVERIFY(query.exec("ALTER TABLE tasks_gone RENAME TO tasks"));
}

void TestInsiderAttacks::usingARevokedIntegrationKey()
{
    SECURITY_SERVER(server);
    const QString url = server.fixture().url();
    const QString keyDir = KeyRing::installed()->directory();
    const CliRun added = runServerCli(
            { "integration", "add", "--name", "website", "--scopes", "leads", "--database", url,
              "--key-dir", keyDir });
    QCOMPARE(added.status, 0);
    const QString key = added.out.trimmed().split('\n').last().trimmed();
    QVERIFY(key.startsWith("bl_"));
    const QByteArray lead = QJsonDocument(QJsonObject{ { "name", "网站访客" },
                                                       { "phone", "13611112222" },
                                                       { "city", "杭州" } })
                                    .toJson();
    QCOMPARE(server.callRaw(QString(), "POST", "/api/v1/integrations/leads", lead,
                            "X-Api-Key: " + key.toLatin1() + "\r\n")
                     .status,
             201);
    // The key leaks: IT revokes it from the command line, and it stops working at once.
    const CliRun revoked = runServerCli(
            { "integration", "revoke", "--name", "website", "--database", url, "--key-dir", keyDir });
    QCOMPARE(revoked.status, 0);
    QCOMPARE(server.callRaw(QString(), "POST", "/api/v1/integrations/leads", lead,
                            "X-Api-Key: " + key.toLatin1() + "\r\n")
                     .status,
             401);
    QCOMPARE(runServerCli({ "integration", "revoke", "--name", "website", "--database", url,
                            "--key-dir", keyDir })
                     .status,
             1);
    const CliRun listed =
            runServerCli({ "integration", "list", "--database", url, "--key-dir", keyDir });
    QVERIFY2(listed.out.contains("website") && listed.out.contains("revoked"),
             qPrintable(listed.out));
    QCOMPARE(scalar(server.database(),
                    "SELECT count(*) FROM audit_log WHERE action = 'integration.revoke'")
                     .toInt(),
             1);
}

QTEST_GUILESS_MAIN(TestInsiderAttacks)
#include "tst_insiderattacks.moc"
