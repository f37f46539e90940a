// SPDX-License-Identifier: GPL-3.0-or-later
// The merchant detail on the server, on SQLite and PostgreSQL: terminals, monthly volumes and
// the KYC checklist reach whoever may see their customer and nobody else (and follow the
// customer when it moves); fee rates, credit limit and settlement account refuse every plain
// edit, from sync and from the API; terminals and volumes are read-only through sync; the
// checklist moves only as KycRules allow, stamped with the server's idea of who moved it;
// and a posted day sums its month again in the same transaction.
#include "ServerFixture.h"
#include "core/PiiVault.h"
#include "records/CustomerService.h"
#include "records/Integrations.h"
#include "records/PiiTable.h"
#include "domain/rules/KycRules.h"
#include "sync/SyncService.h"

#include <QDate>
#include <QJsonArray>
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

sync::Mutation mutation(qint64 number, const QString &table, const QString &id,
                        sync::Mutation::Op op, const QJsonObject &fields,
                        const sync::FieldVersions &base = {})
{
    sync::Mutation m;
    m.number = number;
    m.table = table;
    m.id = id;
    m.op = op;
    m.fields = fields;
    m.base = base;
    return m;
}

using Op = sync::Mutation::Op;

// One device of a caller: its own client id and mutation numbers.
struct Device
{
    SyncService &service;
    Caller caller;
    QString clientId = newId();
    qint64 next = 1;

    sync::MutationResult push(const QString &table, const QString &id, Op op,
                              const QJsonObject &fields, const sync::FieldVersions &base = {})
    {
        sync::PushRequest request{ clientId, { mutation(next++, table, id, op, fields, base) } };
        const RecordOutcome outcome = service.push(caller, request.toJson());
        QString problem;
        const auto response = sync::PushResponse::fromJson(outcome.body, &problem);
        if (outcome.status != 200 || !response || response->results.size() != 1) {
            qWarning() << "push failed:" << outcome.status << QJsonDocument(outcome.body).toJson();
            return {};
        }
        return response->results.first();
    }

    // Everything from `cursor` until caught up: table/id -> the last change (removals as
    // op Remove).
    QHash<QString, sync::Change> pull(QString *cursor)
    {
        QHash<QString, sync::Change> changes;
        for (int pages = 0; pages < 100; ++pages) {
            const sync::PullRequest request{ clientId, *cursor, 50, 0 };
            const RecordOutcome outcome = service.pull(caller, request.toJson());
            QString problem;
            const auto page = sync::PullPage::fromJson(outcome.body, &problem);
            if (outcome.status != 200 || !page || page->mode == sync::PullPage::Mode::Refetch) {
                qWarning() << "pull failed:" << outcome.status << problem;
                return changes;
            }
            for (const sync::Change &change : page->changes)
                changes.insert(change.table + QLatin1Char('/') + change.id, change);
            *cursor = page->cursor;
            if (!page->more)
                break;
        }
        return changes;
    }
};

QStringList idsIn(const QHash<QString, sync::Change> &changes, const QString &table,
                  bool removed = false)
{
    QStringList ids;
    for (const sync::Change &change : changes)
        if (change.table == table && (change.op == sync::Change::Op::Remove) == removed)
            ids << change.id;
    ids.sort();
    return ids;
}

bool exec(Database &database, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(database.connection());
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (query.exec())
        return true;
    qWarning() << sql << query.lastError().text();
    return false;
}

QVariant scalar(Database &database, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(database.connection());
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return QVariant();
    return query.value(0);
}

// A merchant with fee rates, a settlement account, a terminal and a month of volume, as the
// demo seeder and the acquiring system leave it. Returns the terminal's id in `terminal`.
QString seededMerchant(Database &database, const Caller &owner, const QString &name,
                       QString *terminal)
{
    CustomerService customers(database);
    const RecordOutcome created =
            customers.create(owner, { { "legal_name", name }, { "kind", "merchant" } });
    const QString id = created.body.value("id").toString();
    *terminal = newId();
    const QString stamp = QStringLiteral("2026-01-01T00:00:00.000Z");
    // The account sealed and indexed, as the server stores it.
    QVariant account;
    QVariant accountIndex;
    QString error;
    if (id.isEmpty()
        || !PiiTable::of<CustomerJson>().protect("settlement_account", id, "6222020200112233445",
                                                 &account, &accountIndex, &error)
        || !exec(database,
                 "UPDATE customers SET fee_rate_debit = 3800, fee_rate_credit = 6000, "
                 "fee_rate_qr = 3800, settlement_account = ?, settlement_account_bidx = ? "
                 "WHERE id = ?",
                 { account, accountIndex, id })
        || !exec(database,
                 "INSERT INTO terminals (id, customer_id, serial, model, kind, status, "
                 "installed_at, created_at, updated_at) VALUES (?, ?, 'NL0000000001', "
                 "'新大陆 ME31', 'pos', 'active', '2025-03-01', ?, ?)",
                 { *terminal, id, stamp, stamp })
        || !exec(database,
                 "INSERT INTO merchant_volumes (id, customer_id, month, volume_fen, tx_count, "
                 "created_at, updated_at) VALUES (?, ?, '2025-12', 12345600, 321, ?, ?)",
                 { KycRules::volumeId(id, "2025-12"), id, stamp, stamp }))
        return QString();
    return id;
}

} // namespace

class TestMerchantDetail : public QObject
{
    Q_OBJECT

private slots:
    void detailFollowsTheCustomersScope_data() { test::addEngineRows(); }
    void detailFollowsTheCustomersScope();
    void sensitiveCustomerFieldsRefusePlainEdits_data() { test::addEngineRows(); }
    void sensitiveCustomerFieldsRefusePlainEdits();
    void terminalsAndVolumesAreReadOnly_data() { test::addEngineRows(); }
    void terminalsAndVolumesAreReadOnly();
    void checklistMovesByRole_data() { test::addEngineRows(); }
    void checklistMovesByRole();
    void postedDaysSumTheirMonth_data() { test::addEngineRows(); }
    void postedDaysSumTheirMonth();
};

void TestMerchantDetail::detailFollowsTheCustomersScope()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    QString myTerminal;
    QString theirTerminal;
    const QString mine = seededMerchant(fixture.database(), org.rep, "西湖茶行", &myTerminal);
    const QString theirs =
            seededMerchant(fixture.database(), org.otherRep, "南京盐水鸭店", &theirTerminal);
    QVERIFY(!mine.isEmpty() && !theirs.isEmpty());

    SyncService service(fixture.database());
    Device rep{ service, org.rep };
    QString cursor;
    QHash<QString, sync::Change> pulled = rep.pull(&cursor);
    QCOMPARE(idsIn(pulled, "terminals"), QStringList{ myTerminal });
    QCOMPARE(idsIn(pulled, "merchant_volumes"), QStringList{ KycRules::volumeId(mine, "2025-12") });
    const sync::Change customer = pulled.value("customers/" + mine);
    QCOMPARE(customer.row.value("fee_rate_debit").toInteger(), 3800);
    QCOMPARE(customer.row.value("fee_rate_credit").toInteger(), 6000);
    QVERIFY(customer.row.value("credit_limit_fen").isNull());
    // PII goes out masked even to the rep who may reveal it.
    QCOMPARE(customer.row.value("settlement_account").toString(),
             QStringLiteral("6222 **** **** 3445"));
    const sync::Change volume =
            pulled.value("merchant_volumes/" + KycRules::volumeId(mine, "2025-12"));
    QCOMPARE(volume.row.value("volume_fen").toInteger(), 12345600);
    QCOMPARE(volume.row.value("month").toString(), QStringLiteral("2025-12"));

    // The region's manager sees the Xihu merchant's detail, and not Nanjing's.
    Device manager{ service, org.manager };
    QString managerCursor;
    const QHash<QString, sync::Change> managed = manager.pull(&managerCursor);
    QCOMPARE(idsIn(managed, "terminals"), QStringList{ myTerminal });
    QVERIFY(!managed.contains("terminals/" + theirTerminal));

    // Risk sees both, and the first page's total counts the new tables too.
    Device risk{ service, org.risk };
    QString riskCursor;
    const QHash<QString, sync::Change> all = risk.pull(&riskCursor);
    QCOMPARE(idsIn(all, "terminals").size(), 2);
    QCOMPARE(idsIn(all, "merchant_volumes").size(), 2);

    // The manager hands the merchant to the Nanjing rep: its detail leaves the rep's device
    // with it, and reaches the Nanjing rep's.
    Device other{ service, org.otherRep };
    QString otherCursor;
    other.pull(&otherCursor);
    QVERIFY(!otherCursor.isEmpty());
    CustomerService customers(fixture.database());
    QCOMPARE(customers
                     .update(org.admin, mine,
                             { { "owner_id", org.otherRep.userId },
                               { "branch_id", org.nanjing.id } })
                     .status,
             200);
    const QHash<QString, sync::Change> gone = rep.pull(&cursor);
    QCOMPARE(idsIn(gone, "terminals", true), QStringList{ myTerminal });
    QCOMPARE(idsIn(gone, "merchant_volumes", true),
             QStringList{ KycRules::volumeId(mine, "2025-12") });
    const QHash<QString, sync::Change> arrived = other.pull(&otherCursor);
    QCOMPARE(idsIn(arrived, "terminals"), QStringList{ myTerminal });
}

void TestMerchantDetail::sensitiveCustomerFieldsRefusePlainEdits()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    QString terminal;
    const QString id = seededMerchant(fixture.database(), org.rep, "西湖茶行", &terminal);
    QVERIFY(!id.isEmpty());
    SyncService service(fixture.database());

    // From sync: every role is refused every one of the five, and the refusal is journalled.
    const QList<QPair<QString, QJsonValue>> edits{
        { "fee_rate_debit", 2500 },
        { "fee_rate_credit", 4000 },
        { "fee_rate_qr", 2000 },
        { "credit_limit_fen", 100000000 },
        { "settlement_account", "6217000000000000001" },
    };
    for (const Caller &caller : { org.rep, org.manager, org.risk, org.admin }) {
        Device device{ service, caller };
        for (const auto &[field, value] : edits) {
            const sync::MutationResult result =
                    device.push("customers", id, Op::Update, { { field, value } });
            QCOMPARE(result.outcome, sync::Outcome::Rejected);
            QCOMPARE(result.code, QStringLiteral("field_not_editable"));
            QVERIFY2(result.message.contains("approval"), qPrintable(result.message));
            QCOMPARE(result.conflicts.size(), 1);
        }
    }
    // A new customer may not bring them either.
    Device rep{ service, org.rep };
    const sync::MutationResult inserted = rep.push(
            "customers", newId(), Op::Insert,
            { { "legal_name", "自带费率的商户" }, { "kind", "merchant" }, { "fee_rate_qr", 1 } });
    QCOMPARE(inserted.outcome, sync::Outcome::Rejected);

    // From the API: the same.
    CustomerService customers(fixture.database());
    QCOMPARE(customers.update(org.manager, id, { { "fee_rate_credit", 4000 } }).status, 403);
    QCOMPARE(customers.update(org.rep, id, { { "settlement_account", "6217000000000000001" } })
                     .status,
             403);
    QCOMPARE(customers.update(org.admin, id, { { "credit_limit_fen", 5 } }).status, 403);
    QCOMPARE(customers
                     .create(org.rep,
                             { { "legal_name", "自带额度" },
                               { "kind", "individual" },
                               { "credit_limit_fen", 100 } })
                     .status,
             403);

    // Nothing changed, and an ordinary field beside them still saves.
    QCOMPARE(scalar(fixture.database(), "SELECT fee_rate_debit FROM customers WHERE id = ?", { id })
                     .toLongLong(),
             3800);
    QCOMPARE(PiiVault::openOrThrow(scalar(fixture.database(),
                                          "SELECT settlement_account FROM customers WHERE id = ?",
                                          { id })
                                           .toString(),
                                   { "customers", "settlement_account", id }),
             QStringLiteral("6222020200112233445"));
    QCOMPARE(rep.push("customers", id, Op::Update, { { "notes", "费率沟通中" } }).outcome,
             sync::Outcome::Applied);
    // The API shows the rates as numbers and the account masked.
    const RecordOutcome shown = customers.get(org.rep, id, {}, QString());
    QCOMPARE(shown.body.value("fee_rate_qr").toInteger(), 3800);
    QCOMPARE(shown.body.value("settlement_account").toString(),
             QStringLiteral("6222 **** **** 3445"));
}

void TestMerchantDetail::terminalsAndVolumesAreReadOnly()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    QString terminal;
    const QString id = seededMerchant(fixture.database(), org.rep, "西湖茶行", &terminal);
    QVERIFY(!id.isEmpty());
    SyncService service(fixture.database());
    Device rep{ service, org.rep };
    Device risk{ service, org.risk };
    const QString month = KycRules::volumeId(id, "2025-12");

    const QList<sync::MutationResult> results{
        rep.push("terminals", terminal, Op::Update, { { "status", "faulty" } }),
        risk.push("terminals", terminal, Op::Delete, {}),
        rep.push("terminals", newId(), Op::Insert,
                 { { "customer_id", id },
                   { "serial", "FAKE1" },
                   { "kind", "pos" },
                   { "status", "active" } }),
        rep.push("merchant_volumes", month, Op::Update, { { "volume_fen", 1 } }),
        risk.push("merchant_volumes", month, Op::Delete, {}),
    };
    for (const sync::MutationResult &result : results) {
        QCOMPARE(result.outcome, sync::Outcome::Rejected);
        QCOMPARE(result.code, QStringLiteral("read_only"));
        QCOMPARE(result.conflicts.size(), 1); // journalled, never dropped
    }
    QCOMPARE(scalar(fixture.database(), "SELECT status FROM terminals WHERE id = ?", { terminal })
                     .toString(),
             QStringLiteral("active"));
    QCOMPARE(scalar(fixture.database(), "SELECT count(*) FROM terminals").toInt(), 1);
    QCOMPARE(scalar(fixture.database(), "SELECT volume_fen FROM merchant_volumes WHERE id = ?",
                    { month })
                     .toLongLong(),
             12345600);
    // The refused device gets the server's terminal back on its next pull.
    QString cursor;
    const QHash<QString, sync::Change> pulled = rep.pull(&cursor);
    QCOMPARE(pulled.value("terminals/" + terminal).row.value("status").toString(),
             QStringLiteral("active"));
}

void TestMerchantDetail::checklistMovesByRole()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    QString terminal;
    const QString customer = seededMerchant(fixture.database(), org.rep, "西湖茶行", &terminal);
    const QString other =
            seededMerchant(fixture.database(), org.otherRep, "南京盐水鸭店", &terminal);
    QVERIFY(!customer.isEmpty() && !other.isEmpty());
    SyncService service(fixture.database());
    Device rep{ service, org.rep };
    Device tablet{ service, org.rep };
    Device risk{ service, org.risk };
    Device manager{ service, org.manager };
    const QString licence = KycRules::itemId(customer, KycItemKind::BusinessLicence);
    auto state = [&](const QString &id) {
        return scalar(fixture.database(), "SELECT state FROM kyc_items WHERE id = ?", { id })
                .toString();
    };
    auto fieldVersion = [&](const QString &id) {
        return scalar(fixture.database(),
                      "SELECT seq FROM field_versions WHERE table_name = 'kyc_items' AND "
                      "record_id = ? AND field = 'state'",
                      { id })
                .toLongLong();
    };
    const QJsonObject submitted{ { "customer_id", customer },
                                 { "item", "business_licence" },
                                 { "state", "submitted" },
                                 { "note", "营业执照原件已拍照" },
                                 { "updated_by", "someone-else" } };

    // The rep hands the licence in: the row is made, and the server says who did it.
    QCOMPARE(rep.push("kyc_items", licence, Op::Insert, submitted).outcome, sync::Outcome::Applied);
    QCOMPARE(state(licence), QStringLiteral("submitted"));
    QCOMPARE(
            scalar(fixture.database(), "SELECT updated_by FROM kyc_items WHERE id = ?", { licence })
                    .toString(),
            org.rep.userId);
    // The rep's other device made the same row offline: merged into it, not a second row.
    QCOMPARE(tablet.push("kyc_items", licence, Op::Insert, submitted).outcome,
             sync::Outcome::Applied);
    QCOMPARE(scalar(fixture.database(), "SELECT count(*) FROM kyc_items").toInt(), 1);

    // Refused, each journalled: an id that does not follow from customer and item, a rep who
    // verifies, a manager who touches it, a row for someone else's customer, a delete.
    const QList<sync::MutationResult> refused{
        rep.push("kyc_items", newId(), Op::Insert,
                 { { "customer_id", customer },
                   { "item", "site_visit" },
                   { "state", "submitted" } }),
        rep.push("kyc_items", licence, Op::Update, { { "state", "verified" } }),
        manager.push("kyc_items", licence, Op::Update, { { "note", "经理改的" } }),
        rep.push("kyc_items", KycRules::itemId(other, KycItemKind::SiteVisit), Op::Insert,
                 { { "customer_id", other }, { "item", "site_visit" }, { "state", "submitted" } }),
        risk.push("kyc_items", licence, Op::Delete, {}),
        rep.push("kyc_items", licence, Op::Update, { { "item", "site_visit" } }),
    };
    for (const sync::MutationResult &result : refused) {
        QCOMPARE(result.outcome, sync::Outcome::Rejected);
        QCOMPARE(result.conflicts.size(), 1);
    }
    QCOMPARE(refused[0].code, QStringLiteral("not_allowed"));
    QCOMPARE(refused[1].code, QStringLiteral("not_allowed"));
    QCOMPARE(refused[2].code, QStringLiteral("not_allowed")); // managers only read it
    QCOMPARE(refused[3].code, QStringLiteral("out_of_scope"));
    QCOMPARE(refused[4].code, QStringLiteral("forbidden"));
    QCOMPARE(state(licence), QStringLiteral("submitted"));

    // Risk rejects it, and must say why.
    const qint64 handedIn = fieldVersion(licence);
    sync::MutationResult result =
            risk.push("kyc_items", licence, Op::Update, { { "state", "rejected" }, { "note", "" } },
                      { { "state", handedIn } });
    QCOMPARE(result.outcome, sync::Outcome::Rejected);
    QCOMPARE(result.code, QStringLiteral("invalid"));
    result = risk.push("kyc_items", licence, Op::Update,
                       { { "state", "rejected" }, { "note", "照片模糊，请重新拍摄" } },
                       { { "state", handedIn } });
    QCOMPARE(result.outcome, sync::Outcome::Applied);
    QCOMPARE(state(licence), QStringLiteral("rejected"));
    QCOMPARE(
            scalar(fixture.database(), "SELECT updated_by FROM kyc_items WHERE id = ?", { licence })
                    .toString(),
            org.risk.userId);
    const qint64 rejectedAt = fieldVersion(licence);

    // The rep hands it in again...
    QCOMPARE(rep.push("kyc_items", licence, Op::Update, { { "state", "submitted" } },
                      { { "state", rejectedAt } })
                     .outcome,
             sync::Outcome::Applied);
    // ...while a risk officer who had not seen that verifies the rejected copy: a stale edit
    // of a sensitive field is refused and journalled, the resubmission stands.
    result = risk.push("kyc_items", licence, Op::Update, { { "state", "verified" } },
                       { { "state", handedIn } });
    QCOMPARE(result.outcome, sync::Outcome::Conflict);
    QCOMPARE(result.code, QStringLiteral("sensitive_field"));
    QCOMPARE(state(licence), QStringLiteral("submitted"));
    // With the current version it goes through; a rep cannot take a verified item back.
    QCOMPARE(risk.push("kyc_items", licence, Op::Update, { { "state", "verified" } },
                       { { "state", fieldVersion(licence) } })
                     .outcome,
             sync::Outcome::Applied);
    result = rep.push("kyc_items", licence, Op::Update, { { "state", "submitted" } },
                      { { "state", fieldVersion(licence) } });
    QCOMPARE(result.outcome, sync::Outcome::Rejected);
    QCOMPARE(state(licence), QStringLiteral("verified"));

    // Every move reaches the manager, with who made it.
    QString cursor;
    const QHash<QString, sync::Change> pulled = manager.pull(&cursor);
    const sync::Change item = pulled.value("kyc_items/" + licence);
    QCOMPARE(item.row.value("state").toString(), QStringLiteral("verified"));
    QCOMPARE(item.row.value("updated_by").toString(), org.risk.userId);
    QVERIFY(!pulled.contains("kyc_items/" + KycRules::itemId(other, KycItemKind::SiteVisit)));
    // The rep's refused resubmission is in the rep's journal.
    QVERIFY(scalar(fixture.database(),
                   "SELECT count(*) FROM sync_conflicts WHERE table_name = 'kyc_items' AND "
                   "user_id = ? AND code = 'not_allowed'",
                   { org.rep.userId })
                    .toInt()
            >= 2);
}

void TestMerchantDetail::postedDaysSumTheirMonth()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    QString terminal;
    const QString id = seededMerchant(fixture.database(), org.rep, "西湖茶行", &terminal);
    QVERIFY(!id.isEmpty());
    SyncService service(fixture.database());
    Device rep{ service, org.rep };
    QString cursor;
    rep.pull(&cursor);

    Integrations integrations(fixture.database());
    QString key;
    QVERIFY(integrations.add("acquiring", { "transactions" }, &key, &error));
    const auto integration = integrations.authenticate(key);
    QVERIFY(integration);
    const QDate lastMonth = QDate::currentDate().addMonths(-1);
    const QString month = lastMonth.toString("yyyy-MM");
    auto day = [&](int d) {
        return QDate(lastMonth.year(), lastMonth.month(), d).toString(Qt::ISODate);
    };
    auto post = [&](const QJsonArray &rows) {
        return integrations.upsertAggregates(*integration, { { "aggregates", rows } });
    };
    auto monthRow = [&](const QString &m) {
        QSqlQuery query(fixture.database().connection());
        query.prepare("SELECT volume_fen, tx_count, refund_fen, chargeback_count FROM "
                      "merchant_volumes WHERE customer_id = ? AND month = ?");
        query.addBindValue(id);
        query.addBindValue(m);
        QList<qint64> values;
        if (query.exec() && query.next())
            for (int i = 0; i < 4; ++i)
                values << query.value(i).toLongLong();
        return values;
    };

    QCOMPARE(post({ QJsonObject{ { "customer_id", id },
                                 { "day", day(3) },
                                 { "volume_fen", 1000000 },
                                 { "tx_count", 40 },
                                 { "refund_fen", 5000 },
                                 { "chargeback_count", 1 } },
                    QJsonObject{ { "customer_id", id },
                                 { "day", day(4) },
                                 { "volume_fen", 250050 },
                                 { "tx_count", 11 } } })
                     .body.value("applied")
                     .toInt(),
             2);
    QCOMPARE(monthRow(month), (QList<qint64>{ 1250050, 51, 5000, 1 }));
    // The month's id follows from customer and month, as on every device.
    QCOMPARE(
            scalar(fixture.database(), "SELECT id FROM merchant_volumes WHERE month = ?", { month })
                    .toString(),
            KycRules::volumeId(id, month));

    // The rep's next pull brings the month.
    QHash<QString, sync::Change> pulled = rep.pull(&cursor);
    QCOMPARE(pulled.value("merchant_volumes/" + KycRules::volumeId(id, month))
                     .row.value("volume_fen")
                     .toInteger(),
             1250050);

    // A corrected day replaces its old figures in the month; a day of the month before
    // makes that month's row; the seeded December is left alone.
    QCOMPARE(post({ QJsonObject{ { "customer_id", id },
                                 { "day", day(3) },
                                 { "volume_fen", 900000 },
                                 { "tx_count", 38 } },
                    QJsonObject{ { "customer_id", id },
                                 { "day", lastMonth.addMonths(-1).toString(Qt::ISODate) },
                                 { "volume_fen", 777 },
                                 { "tx_count", 1 } } })
                     .status,
             200);
    QCOMPARE(monthRow(month), (QList<qint64>{ 1150050, 49, 0, 0 }));
    QCOMPARE(monthRow(lastMonth.addMonths(-1).toString("yyyy-MM")),
             (QList<qint64>{ 777, 1, 0, 0 }));
    QCOMPARE(monthRow("2025-12").first(), 12345600);
    pulled = rep.pull(&cursor);
    QCOMPARE(idsIn(pulled, "merchant_volumes").size(), 2);

    // The same figures again change nothing: no new change for clients to pull.
    const qint64 head = scalar(fixture.database(), "SELECT last_seq FROM sync_state").toLongLong();
    QCOMPARE(post({ QJsonObject{ { "customer_id", id },
                                 { "day", day(4) },
                                 { "volume_fen", 250050 },
                                 { "tx_count", 11 } } })
                     .status,
             200);
    QCOMPARE(scalar(fixture.database(), "SELECT last_seq FROM sync_state").toLongLong(), head);
}

QTEST_GUILESS_MAIN(TestMerchantDetail)
#include "tst_merchantdetail.moc"
