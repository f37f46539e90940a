// SPDX-License-Identifier: GPL-3.0-or-later
// Personal data at rest, on both engines: a seeded database's files (the SQLite file and its
// write-ahead log, a pg_dump of PostgreSQL) hold no phone, ID number, credit code or account
// in clear while the API still shows them (masked, revealed with a reason) and finds them by
// the full value; a database of clear values from earlier versions is sealed on upgrade;
// a missing or wrong key folder is refused by name; the data key rotates while another
// thread writes, some of it under the old key as an instance not yet moved on would.
#include "ServerFixture.h"
#include "api/ApiContext.h"
#include "core/AuditLog.h"
#include "core/KeyRing.h"
#include "core/PiiVault.h"
#include "records/ContactService.h"
#include "records/CustomerService.h"
#include "records/LeadService.h"
#include "records/PiiRekey.h"
#include "records/PiiTable.h"
#include "sync/ConflictJournal.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QUuid>

#include <atomic>
#include <mutex>
#include <random>
#include <thread>

using namespace branchline;
using namespace branchline::server;

namespace {

const QString demoPassword = QStringLiteral("Demo-Password-2026");

QVariant scalar(Database &database, const QString &sql, const QVariantList &values = {})
{
    QSqlDatabase db = database.connection();
    QSqlQuery query(db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return QVariant();
    return query.value(0);
}

bool exec(Database &database, const QString &sql, const QVariantList &values = {})
{
    QSqlDatabase db = database.connection();
    QSqlQuery query(db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (query.exec())
        return true;
    qWarning() << query.lastError().text();
    return false;
}

// What a copy of the database holds: the SQLite file and its write-ahead log as they are on
// disk, or PostgreSQL's plain pg_dump (every row of every table).
QByteArray storedBytes(const QString &url, QString *error)
{
    if (!url.startsWith(QLatin1String("postgresql://"))) {
        QByteArray bytes;
        for (const QString &path : QStringList{ url, url + QStringLiteral("-wal") }) {
            QFile file(path);
            if (file.open(QIODevice::ReadOnly))
                bytes += file.readAll();
        }
        return bytes;
    }
    QStringList tools = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs);
    std::sort(tools.begin(), tools.end(),
              [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    const QString dump = tools.isEmpty()
            ? QStringLiteral("pg_dump")
            : QStringLiteral("/usr/lib/postgresql/%1/bin/pg_dump").arg(tools.last());
    const QUrl parsed(url);
    QProcess process;
    process.start(dump,
                  { QStringLiteral("--host"),
                    QUrlQuery(parsed).queryItemValue(QStringLiteral("host")),
                    QStringLiteral("--port"), QString::number(parsed.port(5432)),
                    QStringLiteral("--username"), parsed.userName(), QStringLiteral("--dbname"),
                    parsed.path().mid(1) });
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        *error = QStringLiteral("pg_dump failed: ")
                + QString::fromLocal8Bit(process.readAllStandardError());
        return QByteArray();
    }
    return process.readAllStandardOutput();
}

// The needles found in `haystack`.
QStringList found(const QByteArray &haystack, const QStringList &needles)
{
    QStringList hits;
    for (const QString &needle : needles)
        if (haystack.contains(needle.toUtf8()))
            hits << needle;
    return hits;
}

struct Reply
{
    int status = 0;
    QJsonObject json;
};

// The real HTTP front on the fixture's database, in this process.
class ApiServer
{
public:
    explicit ApiServer(Database &database)
        : m_hasher(PasswordHasher::Strength::Minimum)
        , m_accounts(database, m_hasher)
        , m_authenticator(database, m_hasher)
        , m_context{ database, m_authenticator, m_accounts, nullptr }
    {
        addAuthRoutes(m_router, m_context);
        addRecordRoutes(m_router, m_context);
        HttpServerSettings settings;
        settings.port = 0;
        m_server = std::make_unique<HttpServer>(m_router, settings);
        m_context.metrics = &m_server->metrics();
        QString error;
        m_started = m_server->start(&error);
    }

    bool isStarted() const { return m_started; }

    Reply call(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_server->port());
        if (!socket.waitForConnected(5000))
            return Reply();
        const QByteArray payload =
                body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        QByteArray request = method + ' ' + QUrl(path).toEncoded() + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: " + QByteArray::number(payload.size()) + "\r\n";
        if (!m_token.isEmpty())
            request += "Authorization: Bearer " + m_token + "\r\n";
        socket.write(request + "\r\n" + payload);
        QByteArray data;
        while (socket.waitForReadyRead(10000) || socket.bytesAvailable()) {
            data += socket.readAll();
            const int end = int(data.indexOf("\r\n\r\n"));
            if (end < 0)
                continue;
            int length = 0;
            for (const QByteArray &line : data.left(end).split('\n'))
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toInt();
            if (data.size() >= end + 4 + length)
                return Reply{ data.mid(9, 3).toInt(),
                              QJsonDocument::fromJson(data.mid(end + 4, length)).object() };
        }
        return Reply();
    }

    bool signIn(const QString &login)
    {
        m_token.clear();
        const Reply reply = call(
                "POST", "/api/v1/auth/login",
                { { "login", login }, { "password", demoPassword }, { "device_id", "pii-test" } });
        m_token = reply.json.value("access_token").toString().toLatin1();
        return reply.status == 200 && !m_token.isEmpty();
    }

private:
    PasswordHasher m_hasher;
    Accounts m_accounts;
    Authenticator m_authenticator;
    ApiContext m_context;
    Router m_router;
    std::unique_ptr<HttpServer> m_server;
    bool m_started = false;
    QByteArray m_token;
};

// Every PII value stored in `table`: each is sealed (under `key` when given), and the clear
// text of none appears anywhere in the row.
QString unsealedIn(Database &database, const PiiTable &table, int key = 0)
{
    QSqlDatabase db = database.connection();
    QSqlQuery query(db);
    QStringList columns{ "id" };
    for (const PiiColumn &column : table.columns())
        columns << column.name;
    if (!query.exec(QStringLiteral("SELECT %1 FROM %2").arg(columns.join(", "), table.table())))
        return query.lastError().text();
    while (query.next()) {
        for (int i = 0; i < table.columns().size(); ++i) {
            const QString stored = query.value(1 + i).toString();
            if (stored.isEmpty())
                continue;
            const int number = PiiVault::keyNumberOf(stored);
            if (number == 0 || (key > 0 && number != key))
                return QStringLiteral("%1.%2 of %3 is under key %4")
                        .arg(table.table(), table.columns().at(i).name, query.value(0).toString())
                        .arg(number);
        }
    }
    return QString();
}

} // namespace

class TestPiiAtRest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qputenv("BRANCHLINE_SERVER_CONF", QByteArray()); }
    void cleanup();

    void everyPiiFieldIsSealedAndIndexed_data() { test::addEngineRows(); }
    void everyPiiFieldIsSealedAndIndexed();
    void seededFilesHoldNoPersonalDataInClear_data() { test::addEngineRows(); }
    void seededFilesHoldNoPersonalDataInClear();
    void upgradeSealsValuesStoredInClear_data() { test::addEngineRows(); }
    void upgradeSealsValuesStoredInClear();
    void missingOrWrongKeysAreRefusedByName_data() { test::addEngineRows(); }
    void missingOrWrongKeysAreRefusedByName();
    void dataKeyRotatesWhileAnotherThreadWrites_data() { test::addEngineRows(); }
    void dataKeyRotatesWhileAnotherThreadWrites();
};

void TestPiiAtRest::cleanup()
{
    PiiVault::setRefreshInterval(std::chrono::seconds(30));
    PiiRekey::setTimings(std::chrono::seconds(1), std::chrono::seconds(5));
}

void TestPiiAtRest::everyPiiFieldIsSealedAndIndexed()
{
    SERVER_FIXTURE(fixture);
    // The tables come from the record kinds, one per record type, and FieldPolicy.
    QSet<int> types;
    for (const PiiTable &kind : PiiTable::recordKinds())
        types.insert(int(kind.type().value()));
    QCOMPARE(types.size(), int(RecordType::KycItem) + 1); // every RecordType, once
    QCOMPARE(PiiTable::recordKinds().size(), int(RecordType::KycItem) + 1);
    QStringList columns;
    for (const PiiTable &table : PiiTable::all())
        for (const PiiColumn &column : table.columns())
            columns << table.table() + '.' + column.name;
    QCOMPARE(columns,
             (QStringList{ "customers.credit_code", "customers.id_number", "customers.phone",
                           "customers.settlement_account", "contacts.phone", "contacts.email",
                           "leads.phone", "leads.email", "sync_conflicts.server_value",
                           "sync_conflicts.client_value" }));
    // Each marked field has its blind index column, with an index.
    for (const PiiTable &table : PiiTable::all())
        for (const QString &index : table.indexColumns())
            QVERIFY2(exec(fixture.database(),
                          QStringLiteral("SELECT %1 FROM %2 WHERE %1 = 'x'")
                                  .arg(index, table.table())),
                     qPrintable(table.table() + '.' + index));

    // A customer, a contact and a lead with every PII field, written through the API.
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    CustomerService customers(fixture.database());
    const RecordOutcome customer = customers.create(org.rep,
                                                    { { "legal_name", "王芳" },
                                                      { "kind", "individual" },
                                                      { "id_number", "11010519491231002x" },
                                                      { "phone", "+86 138 1234 5678" } });
    QCOMPARE(customer.status, 201);
    const QString id = customer.body.value("id").toString();
    ContactService contacts(fixture.database());
    const RecordOutcome contact = contacts.create(org.rep,
                                                  { { "customer_id", id },
                                                    { "name", "李强" },
                                                    { "phone", "13900000001" },
                                                    { "email", "Li.Qiang@Example.cn" } });
    QCOMPARE(contact.status, 201);
    LeadService leads(fixture.database());
    const RecordOutcome lead = leads.create(org.rep,
                                            { { "name", "赵敏" },
                                              { "source", "walk_in" },
                                              { "phone", "13900000002" },
                                              { "email", "zhao@example.cn" } });
    QCOMPARE(lead.status, 201);
    for (const PiiTable &table : PiiTable::all())
        QCOMPARE(unsealedIn(fixture.database(), table, 1), QString());
    QString bytesError;
    const QByteArray stored = storedBytes(fixture.url(), &bytesError);
    QVERIFY2(!stored.isEmpty(), qPrintable(bytesError));
    QCOMPARE(found(stored,
                   { "13812345678", "11010519491231002X", "13900000001", "li.qiang@example.cn",
                     "13900000002", "zhao@example.cn" }),
             QStringList());

    // Read back in clear by the owner with a reason, found by the full value however typed.
    const RecordOutcome shown =
            customers.get(org.rep, id, { "id_number", "phone" }, QStringLiteral("核对身份信息"));
    QCOMPARE(shown.body.value("id_number").toString(), QStringLiteral("11010519491231002X"));
    QCOMPARE(shown.body.value("phone").toString(), QStringLiteral("13812345678"));
    auto listed = [](const RecordOutcome &outcome) {
        QStringList ids;
        for (const QJsonValue &item : outcome.body.value("items").toArray())
            ids << item.toObject().value("id").toString();
        return ids;
    };
    QUrlQuery q;
    q.addQueryItem("q", "138-1234-5678");
    QCOMPARE(listed(customers.list(org.rep, q)), QStringList{ id });
    q.clear();
    q.addQueryItem("q", "11010519491231002x");
    QCOMPARE(listed(customers.list(org.rep, q)), QStringList{ id });
    q.clear();
    q.addQueryItem("q", "13900000001");
    QCOMPARE(listed(contacts.list(org.rep, q)), QStringList{ contact.body.value("id").toString() });
    QCOMPARE(listed(customers.list(org.rep, q)), QStringList()); // another table's phone
    q.clear();
    q.addQueryItem("q", "13900000002");
    QCOMPARE(listed(leads.list(org.rep, q)), QStringList{ lead.body.value("id").toString() });
}

void TestPiiAtRest::seededFilesHoldNoPersonalDataInClear()
{
    SERVER_FIXTURE(fixture);
    const test::CliRun seeded = test::runServerCli({ "seed-demo", "--database", fixture.url(),
                                                     "--key-dir", fixture.keyDirectory(),
                                                     "--customers", "80", "--activities", "20" },
                                                   demoPassword + '\n');
    QVERIFY2(seeded.status == 0, qPrintable(seeded.out + seeded.err));
    ApiServer api(fixture.database());
    QVERIFY(api.isStarted());
    QVERIFY(api.signIn("risk")); // sees every branch; may reveal with a reason

    // A merchant and a person, as the list shows them: masked.
    Reply page = api.call("GET", "/api/v1/customers?limit=200");
    QCOMPARE(page.status, 200);
    QString merchant;
    QString person;
    for (const QJsonValue &item : page.json.value("items").toArray()) {
        const QJsonObject customer = item.toObject();
        QVERIFY2(customer.value("phone").toString().contains('*'),
                 qPrintable(customer.value("phone").toString()));
        if (merchant.isEmpty() && customer.value("kind").toString() == "merchant"
            && !customer.value("settlement_account").toString().isEmpty()) {
            QVERIFY(customer.value("credit_code").toString().contains('*'));
            merchant = customer.value("id").toString();
        }
        if (person.isEmpty() && customer.value("kind").toString() == "individual") {
            QVERIFY(customer.value("id_number").toString().contains('*'));
            person = customer.value("id").toString();
        }
    }
    QVERIFY(!merchant.isEmpty() && !person.isEmpty());
    // Revealed with a reason: the clear values.
    Reply shown = api.call("GET",
                           "/api/v1/customers/" + merchant
                                   + "?reveal=phone,credit_code,settlement_account&reason=核对商户"
                                     "结算信息");
    QCOMPARE(shown.status, 200);
    const QString phone = shown.json.value("phone").toString();
    const QString creditCode = shown.json.value("credit_code").toString();
    const QString account = shown.json.value("settlement_account").toString();
    QCOMPARE(phone.size(), 11);
    QCOMPARE(creditCode.size(), 18);
    QVERIFY2(account.size() >= 16, qPrintable(account));
    shown = api.call("GET", "/api/v1/customers/" + person + "?reveal=id_number&reason=核对身份");
    QCOMPARE(shown.status, 200);
    const QString idNumber = shown.json.value("id_number").toString();
    QCOMPARE(idNumber.size(), 18);
    Reply leadsPage = api.call("GET", "/api/v1/leads?limit=1");
    QCOMPARE(leadsPage.status, 200);
    const QString lead =
            leadsPage.json.value("items").toArray().first().toObject().value("id").toString();
    shown = api.call("GET", "/api/v1/leads/" + lead + "?reveal=phone&reason=回访前核对");
    const QString leadPhone = shown.json.value("phone").toString();
    QCOMPARE(leadPhone.size(), 11);
    // Contacts have no HTTP route of their own: through their service, as sync reads them.
    const Caller risk{
        scalar(fixture.database(), "SELECT id FROM users WHERE login = 'risk'").toString(),
        "risk",
        Role::RiskOfficer,
        QString(),
        "s",
        "d"
    };
    const QString contact =
            scalar(fixture.database(), "SELECT id FROM contacts LIMIT 1").toString();
    const QString contactPhone = ContactService(fixture.database())
                                         .get(risk, contact, { "phone" }, "回访前核对")
                                         .body.value("phone")
                                         .toString();
    QCOMPARE(contactPhone.size(), 11);

    // Found by the full value, through the blind index of its normal form (the files hold
    // no clear value to match, as checked below).
    const QString dashedPhone =
            phone.left(3) + '-' + phone.mid(3, 4) + '-' + phone.mid(7); // 138-1234-5678
    for (const auto &[text, expected] :
         { std::pair{ phone, merchant }, std::pair{ dashedPhone, merchant },
           std::pair{ creditCode.toLower(), merchant }, std::pair{ idNumber, person },
           std::pair{ idNumber.toLower(), person } }) {
        page = api.call("GET", "/api/v1/customers?q=" + text);
        QCOMPARE(page.status, 200);
        QStringList ids;
        for (const QJsonValue &item : page.json.value("items").toArray())
            ids << item.toObject().value("id").toString();
        QVERIFY2(ids.contains(expected), qPrintable(text));
    }

    // None of it is in the files, though the rows are (sealed).
    QString error;
    const QByteArray stored = storedBytes(fixture.url(), &error);
    QVERIFY2(!stored.isEmpty(), qPrintable(error));
    QVERIFY(stored.contains("e1.1."));
    QVERIFY(stored.contains(merchant.toUtf8()));
    QCOMPARE(found(stored, { phone, creditCode, account, idNumber, leadPhone, contactPhone }),
             QStringList());
    for (const PiiTable &table : PiiTable::all())
        QCOMPARE(unsealedIn(fixture.database(), table, 1), QString());

    // A sealed value copied into another record does not open there: a clear error, not
    // the other customer's phone, not an empty field.
    const QString sealedPhone =
            scalar(fixture.database(), "SELECT phone FROM customers WHERE id = ?", { merchant })
                    .toString();
    QVERIFY(exec(fixture.database(), "UPDATE customers SET phone = ? WHERE id = ?",
                 { sealedPhone, person }));
    for (const QString &path :
         QStringList{ "/api/v1/customers/" + person, "/api/v1/customers?limit=200" }) {
        const Reply refused = api.call("GET", path);
        QCOMPARE(refused.status, 500);
        QCOMPARE(refused.json.value("code").toString(), QStringLiteral("pii_unreadable"));
        QVERIFY2(refused.json.value("message").toString().contains("key folder"),
                 qPrintable(refused.json.value("message").toString()));
        QVERIFY(!QJsonDocument(refused.json).toJson().contains(phone.toUtf8()));
    }
    // The connection that met it is usable again (its transaction rolled back).
    QCOMPARE(api.call("GET", "/api/v1/customers/" + merchant).status, 200);
}

void TestPiiAtRest::upgradeSealsValuesStoredInClear()
{
    QFETCH(QString, engine);
    QTemporaryDir dir;
    const test::ScratchDatabase scratch(engine, dir);
    QVERIFY2(scratch.isReady(), qPrintable(scratch.failure()));
    const QString keys = dir.filePath("keys");
    QString error;
    DatabaseUrl url;
    QVERIFY(DatabaseUrl::parse(scratch.url(), &url, &error));
    Database database(url);
    // The schema before encryption, and rows as that server wrote them: every PII value in
    // clear, 1,200 customers so the upgrade takes several batches.
    QVERIFY2(test::applyMigrationsUpTo(database, 10, &error), qPrintable(error));
    const QString stamp = QStringLiteral("2026-11-23T08:00:00.000Z");
    QStringList clear;
    QVERIFY2(database.inTransaction(
                     [&](QSqlDatabase &db, QString *txError) {
                         QSqlQuery query(db);
                         query.prepare("INSERT INTO customers (id, kind, legal_name, credit_code, "
                                       "id_number, phone, settlement_account, status, created_at, "
                                       "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)");
                         for (int i = 0; i < 1200; ++i) {
                             const bool firm = i % 2 == 0;
                             query.addBindValue(QStringLiteral("c%1").arg(i, 4, 10, QChar('0')));
                             query.addBindValue(firm ? "merchant" : "individual");
                             query.addBindValue(QStringLiteral("客户%1").arg(i));
                             query.addBindValue(firm ? QVariant("91330106MA27XL3Q0R")
                                                     : QVariant(QMetaType::fromType<QString>()));
                             query.addBindValue(firm ? QVariant(QMetaType::fromType<QString>())
                                                     : QVariant("11010519491231002X"));
                             query.addBindValue(QStringLiteral("139%1").arg(i, 8, 10, QChar('0')));
                             query.addBindValue(firm ? QVariant("6222020200112233445")
                                                     : QVariant(QMetaType::fromType<QString>()));
                             query.addBindValue(stamp);
                             query.addBindValue(stamp);
                             if (!query.exec()) {
                                 *txError = query.lastError().text();
                                 return false;
                             }
                         }
                         const QStringList rows{
                             "INSERT INTO contacts (id, customer_id, name, phone, email, "
                             "created_at, updated_at) VALUES ('k1', 'c0000', '李强', "
                             "'13700000001', 'li.qiang@example.cn', '"
                                     + stamp + "', '" + stamp + "')",
                             "INSERT INTO leads (id, name, phone, email, source, created_at, "
                             "updated_at) VALUES ('l1', '赵敏', '13700000002', "
                             "'zhao.min@example.cn', 'walk_in', '"
                                     + stamp + "', '" + stamp + "')",
                             "INSERT INTO sync_conflicts (id, table_name, record_id, field, kind, "
                             "server_value, client_value, created_at, updated_at) VALUES ('j1', "
                             "'customers', 'c0001', 'phone', 'overwritten', '\"13700000003\"', "
                             "'\"13700000004\"', '"
                                     + stamp + "', '" + stamp + "')"
                         };
                         for (const QString &row : rows)
                             if (!query.exec(row)) {
                                 *txError = query.lastError().text();
                                 return false;
                             }
                         return true;
                     },
                     &error),
             qPrintable(error));
    clear = QStringList{ "91330106MA27XL3Q0R",  "11010519491231002X",  "13900000007",
                         "6222020200112233445", "13700000001",         "li.qiang@example.cn",
                         "13700000002",         "zhao.min@example.cn", "13700000003",
                         "13700000004" };
    QCOMPARE(found(storedBytes(scratch.url(), &error), clear), clear); // the test can see them

    // The current server starts on it: keys made (the folder had none), values sealed.
    QVERIFY(!QFile::exists(keys + "/data-1.key"));
    test::CliRun init =
            test::runServerCli({ "init", "--database", scratch.url(), "--key-dir", keys });
    QVERIFY2(init.status == 0, qPrintable(init.out + init.err));
    QVERIFY(QFile::exists(keys + "/data-1.key"));
    QVERIFY(QFile::exists(keys + "/index-1.key"));
    for (const PiiTable &table : PiiTable::all())
        QCOMPARE(unsealedIn(database, table, 1), QString());
    QCOMPARE(scalar(database, "SELECT count(*) FROM customers WHERE phone_bidx IS NULL").toInt(),
             0);
    const QByteArray stored = storedBytes(scratch.url(), &error);
    QVERIFY2(!stored.isEmpty(), qPrintable(error));
    QCOMPARE(found(stored, clear), QStringList());

    // Every value reads back as it was, and is found by the full value.
    Caller risk{ "u-risk", "risk", Role::RiskOfficer, QString(), "s", "d" };
    CustomerService customers(database);
    for (const QString &id :
         { QStringLiteral("c0000"), QStringLiteral("c0007"), QStringLiteral("c1199") }) {
        const RecordOutcome shown = customers.get(
                risk, id, { "credit_code", "id_number", "phone", "settlement_account" },
                "升级后核对");
        QCOMPARE(shown.status, 200);
        const int n = id.mid(1).toInt();
        QCOMPARE(shown.body.value("phone").toString(),
                 QStringLiteral("139%1").arg(n, 8, 10, QChar('0')));
        QCOMPARE(shown.body.value(n % 2 == 0 ? "credit_code" : "id_number").toString(),
                 n % 2 == 0 ? "91330106MA27XL3Q0R" : "11010519491231002X");
        QCOMPARE(shown.body.value("settlement_account").toString(),
                 n % 2 == 0 ? "6222020200112233445" : "");
    }
    QUrlQuery q;
    q.addQueryItem("q", "+86 139 0000 0007");
    const RecordOutcome hits = customers.list(risk, q);
    QCOMPARE(hits.body.value("items").toArray().size(), 1);
    QCOMPARE(hits.body.value("items").toArray().first().toObject().value("id").toString(),
             QStringLiteral("c0007"));
    QCOMPARE(ContactService(database)
                     .get(risk, "k1", { "phone", "email" }, "升级后核对")
                     .body.value("email")
                     .toString(),
             QStringLiteral("li.qiang@example.cn"));
    QCOMPARE(LeadService(database).get(risk, "l1", { "phone" }, "升级后核对").body.value("phone"),
             QJsonValue("13700000002"));
    {
        QSqlDatabase db = database.connection();
        ConflictEntry entry;
        bool exists = false;
        QVERIFY(ConflictJournal::load(db, "j1", &entry, &exists, &error));
        QVERIFY(exists);
        QCOMPARE(entry.serverValue, QJsonValue("13700000003"));
        QCOMPARE(entry.clientValue, QJsonValue("13700000004"));
        QVERIFY(AuditLog::verify(db).intact);
    }
    // A second start has nothing left to do and changes nothing.
    const QString before =
            scalar(database, "SELECT phone FROM customers WHERE id = 'c0007'").toString();
    init = test::runServerCli({ "init", "--database", scratch.url(), "--key-dir", keys });
    QVERIFY2(init.status == 0, qPrintable(init.err));
    QCOMPARE(scalar(database, "SELECT phone FROM customers WHERE id = 'c0007'").toString(), before);

    // An upgrade cut short (a crash between batches) goes on at the next start: what is
    // sealed stays as it is, what is still clear is sealed.
    QVERIFY(exec(database, "DELETE FROM server_meta WHERE key = 'pii_sealed'"));
    QVERIFY(exec(database,
                 "UPDATE customers SET phone = '13911112222', phone_bidx = NULL WHERE id = 'c1199'"));
    init = test::runServerCli({ "init", "--database", scratch.url(), "--key-dir", keys });
    QVERIFY2(init.status == 0, qPrintable(init.err));
    QCOMPARE(scalar(database, "SELECT phone FROM customers WHERE id = 'c0007'").toString(), before);
    QCOMPARE(unsealedIn(database, PiiTable::of<CustomerJson>(), 1), QString());
    q.clear();
    q.addQueryItem("q", "13911112222");
    QCOMPARE(customers.list(risk, q).body.value("items").toArray().size(), 1);
}

void TestPiiAtRest::missingOrWrongKeysAreRefusedByName()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    QCOMPARE(CustomerService(fixture.database())
                     .create(org.rep, { { "legal_name", "王芳" }, { "phone", "13812345678" } })
                     .status,
             201);
    const QString good = fixture.keyDirectory();
    QTemporaryDir dir;
    // Each folder tried holds the database's audit key, which is checked first (AuditKeys):
    // what is missing or wrong is only ever the personal data's keys.
    const QStringList auditKeys = QDir(good).entryList({ "audit-*.key" }, QDir::Files);
    QVERIFY(!auditKeys.isEmpty());
    auto init = [&](const QString &keys) {
        QDir().mkpath(keys);
        QFile::setPermissions(keys, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        for (const QString &key : auditKeys)
            if (!QFile::exists(keys + '/' + key)) {
                QFile::copy(good + '/' + key, keys + '/' + key);
                QFile::setPermissions(keys + '/' + key, QFile::ReadOwner | QFile::WriteOwner);
            }
        return test::runServerCli({ "init", "--database", fixture.url(), "--key-dir", keys });
    };

    // No data or index key: refused, naming the folder; no key is made there to encrypt anew.
    const QString empty = dir.filePath("empty");
    test::CliRun run = init(empty);
    QCOMPARE(run.status, 1);
    QVERIFY2(run.err.contains(empty) && run.err.contains("no data key"), qPrintable(run.err));
    QCOMPARE(QDir(empty).entryList(QDir::Files), auditKeys);

    // Another folder's keys.
    const QString other = dir.filePath("other");
    {
        KeyRing ring;
        QVERIFY(ring.open(other, &error));
        QVERIFY(ring.create(KeyRing::Purpose::Data, nullptr, &error));
        QVERIFY(ring.create(KeyRing::Purpose::Index, nullptr, &error));
    }
    run = init(other);
    QCOMPARE(run.status, 1);
    QVERIFY2(run.err.contains(other) && run.err.contains("not the ones"), qPrintable(run.err));

    // The right data key with another index key.
    const QString mixed = dir.filePath("mixed");
    QVERIFY(QDir().mkpath(mixed));
    QFile::setPermissions(mixed, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QVERIFY(QFile::copy(good + "/data-1.key", mixed + "/data-1.key"));
    QVERIFY(QFile::copy(other + "/index-1.key", mixed + "/index-1.key"));
    run = init(mixed);
    QCOMPARE(run.status, 1);
    QVERIFY2(run.err.contains(mixed) && run.err.contains("index key"), qPrintable(run.err));

    // The data key the database was sealed with is gone, a later one is there.
    const QString later = dir.filePath("later");
    {
        KeyRing ring;
        QVERIFY(ring.open(later, &error));
        QVERIFY(QFile::copy(good + "/index-1.key", later + "/index-1.key"));
        QVERIFY(QFile::copy(other + "/data-1.key", later + "/data-2.key"));
    }
    run = init(later);
    QCOMPARE(run.status, 1);
    QVERIFY2(run.err.contains("data key 1") && run.err.contains(later)
                     && run.err.contains("data-1.key"),
             qPrintable(run.err));

    // Its own folder: fine.
    run = init(good);
    QVERIFY2(run.status == 0, qPrintable(run.err));
}

void TestPiiAtRest::dataKeyRotatesWhileAnotherThreadWrites()
{
    SERVER_FIXTURE(fixture);
    test::Organisation org;
    QString error;
    QVERIFY2(test::makeOrganisation(fixture.database(), &org, &error), qPrintable(error));
    CustomerService customers(fixture.database());
    QStringList ids;
    QHash<QString, QString> expected; // id -> the phone last written; under `written`
    std::mutex written;
    for (int i = 0; i < 300; ++i) {
        const QString phone = QStringLiteral("136%1").arg(i, 8, 10, QChar('0'));
        const RecordOutcome created = customers.create(
                org.rep, { { "legal_name", QStringLiteral("商户%1").arg(i) }, { "phone", phone } });
        QCOMPARE(created.status, 201);
        ids << created.body.value("id").toString();
        expected.insert(ids.last(), phone);
    }
    // The instance the other thread plays reads the folder again after a second, as every
    // instance does after refreshInterval(); until then it writes under key 1.
    PiiVault::setRefreshInterval(std::chrono::seconds(1));
    PiiRekey::setTimings(std::chrono::milliseconds(100), std::chrono::milliseconds(1000));
    QString ignored;
    PiiVault::refresh(&ignored);
    const KeyRing::Key one = KeyRing::installed()->current(KeyRing::Purpose::Data);
    QCOMPARE(one.number, 1);

    std::atomic<bool> stop{ false };
    std::atomic<qint64> rotationStartedMs{ 0 };
    std::atomic<int> staleWrites{ 0 };
    std::atomic<int> writes{ 0 };
    std::atomic<int> failures{ 0 };
    QElapsedTimer clock;
    clock.start();
    std::thread writer([&] {
        std::mt19937 random(7);
        int serial = 0;
        while (!stop) {
            const QString id = ids.at(int(random() % ids.size()));
            const QString phone = QStringLiteral("137%1").arg(++serial, 8, 10, QChar('0'));
            const qint64 started = rotationStartedMs.load();
            // For half a second after the new key appears, half the writes are sealed under
            // the old one, as an instance that has not looked at the folder yet seals them.
            const bool stale = started > 0 && clock.elapsed() - started < 500 && serial % 2 == 0;
            std::lock_guard<std::mutex> lock(written);
            bool ok = false;
            if (stale) {
                QVariant index;
                QString indexText;
                QString indexError;
                PiiVault::blindIndex(PiiKind::Phone, "customers", "phone", phone, &indexText,
                                     &indexError);
                ok = fixture.database().inTransaction(
                        [&](QSqlDatabase &db, QString *txError) {
                            QSqlQuery query(db);
                            query.prepare("UPDATE customers SET phone = ?, phone_bidx = ? "
                                          "WHERE id = ?");
                            query.addBindValue(
                                    PiiVault::sealWith(one, phone, { "customers", "phone", id }));
                            query.addBindValue(indexText);
                            query.addBindValue(id);
                            if (query.exec())
                                return true;
                            *txError = query.lastError().text();
                            return false;
                        },
                        &indexError);
                staleWrites += ok ? 1 : 0;
            } else {
                ok = customers.update(org.rep, id, { { "phone", phone } }).status == 200;
            }
            if (ok) {
                expected.insert(id, phone);
                ++writes;
            } else {
                ++failures;
            }
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    int key = 0;
    QStringList lines;
    const bool rotated = PiiRekey::rotate(
            fixture.database(),
            [&](const QString &line) {
                if (rotationStartedMs == 0)
                    rotationStartedMs = clock.elapsed();
                lines << line;
            },
            &key, &error);
    std::this_thread::sleep_for(std::chrono::milliseconds(100)); // the writer on the new key
    stop = true;
    writer.join();
    QVERIFY2(rotated, qPrintable(error));
    QCOMPARE(key, 2);
    QCOMPARE(failures.load(), 0);
    QVERIFY2(staleWrites > 0, "the other thread wrote nothing under the old key meanwhile");
    QVERIFY2(lines.size() >= 3, qPrintable(lines.join('\n'))); // made, passes, done

    // Nothing is left under key 1, the key check included, and every value is the last
    // one written.
    for (const PiiTable &table : PiiTable::all())
        QCOMPARE(unsealedIn(fixture.database(), table, 2), QString());
    QCOMPARE(PiiVault::keyNumberOf(
                     scalar(fixture.database(),
                            "SELECT value FROM server_meta WHERE key = 'pii_data_check'")
                             .toString()),
             2);
    QVERIFY(writes > 0);
    for (const QString &id : std::as_const(ids)) {
        const RecordOutcome shown = customers.get(org.rep, id, { "phone" }, "轮换后核对");
        QCOMPARE(shown.body.value("phone").toString(), expected.value(id));
    }
    QUrlQuery q;
    q.addQueryItem("q", expected.value(ids.first()));
    QCOMPARE(customers.list(org.rep, q).body.value("items").toArray().size(), 1);
    {
        QSqlDatabase db = fixture.database().connection();
        QVERIFY(AuditLog::verify(db).intact);
    }
    QCOMPARE(scalar(fixture.database(), "SELECT count(*) FROM audit_log WHERE action = 'pii.rekey'")
                     .toInt(),
             1);

    // The command does the same: a new key, everything moved, old keys kept.
    const test::CliRun command = test::runServerCli(
            { "keys", "rotate", "--database", fixture.url(), "--key-dir", fixture.keyDirectory() });
    QVERIFY2(command.status == 0, qPrintable(command.out + command.err));
    QVERIFY2(command.out.contains("Data key 3"), qPrintable(command.out));
    for (const PiiTable &table : PiiTable::all())
        QCOMPARE(unsealedIn(fixture.database(), table, 3), QString());
    for (const char *file : { "data-1.key", "data-2.key", "data-3.key", "index-1.key" })
        QVERIFY2(QFile::exists(fixture.keyDirectory() + '/' + file), file);

    // With instances on several machines the new key is put into every folder first, then
    // the values are moved onto it without making another.
    {
        KeyRing elsewhere;
        QVERIFY(elsewhere.open(fixture.keyDirectory(), &error));
        QVERIFY(elsewhere.create(KeyRing::Purpose::Data, nullptr, &error));
    }
    const test::CliRun reencrypt =
            test::runServerCli({ "keys", "reencrypt", "--database", fixture.url(), "--key-dir",
                                 fixture.keyDirectory() });
    QVERIFY2(reencrypt.status == 0, qPrintable(reencrypt.out + reencrypt.err));
    for (const PiiTable &table : PiiTable::all())
        QCOMPARE(unsealedIn(fixture.database(), table, 4), QString());
    QVERIFY(!QFile::exists(fixture.keyDirectory() + "/data-5.key"));
}

QTEST_GUILESS_MAIN(TestPiiAtRest)
#include "tst_piiatrest.moc"
