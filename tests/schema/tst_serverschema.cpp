// SPDX-License-Identifier: GPL-3.0-or-later
// The server's side of the record schema: every kind in it has a server kind whose JSON and
// SQL mapping names exactly the schema's fields, a synced table, a database table with a
// column for each field (and a blind index for each PII one) on both engines, and sealed
// columns exactly where the schema says PII. A kind added later cannot be half-wired.
#include "ServerFixture.h"
#include "core/ServerMigrator.h"
#include "core/SqlScript.h"
#include "domain/schema/RecordSchema.h"
#include "records/ActivityJson.h"
#include "records/ContactJson.h"
#include "records/CustomerJson.h"
#include "records/KycItemJson.h"
#include "records/LeadJson.h"
#include "records/MerchantFeedJson.h"
#include "records/PiiTable.h"
#include "records/TaskJson.h"
#include "sync/KindTraits.h"
#include "sync/SyncTable.h"

#include <QJsonArray>
#include <QSet>
#include <QSqlQuery>
#include <QtTest>

using namespace branchline;
using namespace branchline::server;

namespace {

const QStringList bookkeeping{ "id", "version", "deleted", "created_at", "updated_at" };

QSet<QString> asSet(const QStringList &list)
{
    return QSet<QString>(list.cbegin(), list.cend());
}

QStringList columnsOf(QSqlDatabase &db, const QString &table)
{
    QSqlQuery query(db);
    QStringList columns;
    const bool postgres = db.driverName() == QLatin1String("QPSQL");
    if (postgres) {
        query.prepare(QStringLiteral("SELECT column_name FROM information_schema.columns "
                                     "WHERE table_name = ? AND table_schema = current_schema()"));
        query.addBindValue(table);
        query.exec();
    } else {
        query.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table));
    }
    while (query.next())
        columns << query.value(postgres ? 0 : 1).toString(); // PRAGMA: cid, name, ...
    return columns;
}

// A value of each field's type that the field takes: what a client could send.
QJsonValue sampleValue(const FieldSchema &field)
{
    switch (field.type) {
    case FieldType::Integer:
    case FieldType::Money:
    case FieldType::Rate:
        return 1234;
    case FieldType::Date:
        return QStringLiteral("2026-03-04");
    case FieldType::DateTime:
        return QStringLiteral("2026-03-04T05:06:07.008Z");
    case FieldType::Bool:
        return true;
    case FieldType::TextList:
        return QJsonArray{ QStringLiteral("a"), QStringLiteral("b") };
    case FieldType::Choice:
        return field.vocabulary().constLast();
    case FieldType::Reference:
        return QStringLiteral("0b7e4f9a-3c1d-4e2f-9a8b-7c6d5e4f3a2b");
    case FieldType::Text:
    case FieldType::LongText:
        break;
    }
    return QStringLiteral("样本 text");
}

// The wrong JSON type for the field: what apply() must refuse.
QJsonValue wrongValue(const FieldSchema &field)
{
    if (field.type == FieldType::Bool || field.type == FieldType::TextList || field.isNumber())
        return QStringLiteral("not this");
    return QJsonArray{ 1 };
}

template<typename Kind>
void checkKind(QSet<RecordType> *seen)
{
    const KindSchema &kind = RecordSchema::kind(Kind::type);
    seen->insert(Kind::type);
    QCOMPARE(Kind::table(), QString(kind.table));
    QCOMPARE(Kind::fields(), kind.keys());
    QVERIFY(SyncTables().find(Kind::table()));
    // What the schema says of the kind's rows is what the server enforces: system-fed kinds
    // refuse every client write, append-only ones every change.
    QCOMPARE(IsReadOnlyKind<Kind>::value, kind.systemFed);
    QCOMPARE(Kind::updateRefusal().has_value(), kind.appendOnly);

    // What a client may send reads back as sent, field by field.
    QJsonObject sent;
    for (const FieldSchema &field : kind.fields)
        sent.insert(QString(field.key), sampleValue(field));
    typename Kind::Record record;
    QStringList set;
    QString problem;
    QVERIFY2(Kind::apply(sent, &record, &set, &problem), qPrintable(problem));
    QCOMPARE(asSet(set), asSet(kind.keys()));
    const QJsonObject back = Kind::toJson(record);
    for (const FieldSchema &field : kind.fields) {
        const QString key(field.key);
        if (field.type == FieldType::DateTime) // the same instant
            QCOMPARE(QDateTime::fromString(back.value(key).toString(), Qt::ISODateWithMs),
                     QDateTime::fromString(sent.value(key).toString(), Qt::ISODateWithMs));
        else
            QCOMPARE(back.value(key), sent.value(key));
    }
    // A value of the wrong type, or a field the kind lacks, is refused with a reason.
    for (const FieldSchema &field : kind.fields) {
        typename Kind::Record untouched;
        problem.clear();
        QVERIFY(!Kind::apply(QJsonObject{ { QString(field.key), wrongValue(field) } }, &untouched,
                             &set, &problem));
        QVERIFY(problem.contains(QString(field.key)));
    }
    QVERIFY(!Kind::apply(QJsonObject{ { QStringLiteral("no_such_field"), 1 } }, &record, &set,
                         &problem));

    // Sealed exactly where the schema says PII.
    QStringList sealed;
    for (const PiiColumn &column : PiiTable::of<Kind>().columns())
        sealed << column.name;
    QStringList pii;
    for (const FieldSchema &field : kind.fields) {
        if (field.pii)
            pii << QString(field.key);
    }
    QCOMPARE(sealed, pii);
}

} // namespace

class TestServerSchema : public QObject
{
    Q_OBJECT

private slots:
    void everyKindIsServed();
    void tablesHaveExactlyTheFields_data() { test::addEngineRows(); }
    void tablesHaveExactlyTheFields();
    void migrationsHaveOneSource();
    void dialectBlocksAreChecked();
};

void TestServerSchema::everyKindIsServed()
{
    QSet<RecordType> seen;
    checkKind<CustomerJson>(&seen);
    checkKind<ContactJson>(&seen);
    checkKind<LeadJson>(&seen);
    checkKind<TaskJson>(&seen);
    checkKind<ActivityJson>(&seen);
    checkKind<TerminalJson>(&seen);
    checkKind<MerchantVolumeJson>(&seen);
    checkKind<KycItemJson>(&seen);
    QCOMPARE(seen.size(), RecordSchema::kinds().size());
    QCOMPARE(PiiTable::recordKinds().size(), RecordSchema::kinds().size());
}

void TestServerSchema::tablesHaveExactlyTheFields()
{
    QFETCH(QString, engine);
    test::ServerFixture fixture(engine);
    QVERIFY2(fixture.isReady(), qPrintable(fixture.failure()));
    QSqlDatabase db = fixture.database().connection();
    for (const KindSchema &kind : RecordSchema::kinds()) {
        QStringList indexes;
        for (const FieldSchema &field : kind.fields) {
            if (field.pii)
                indexes << QString(field.key) + QStringLiteral("_bidx");
        }
        const QStringList columns = columnsOf(db, kind.table);
        QVERIFY2(!columns.isEmpty(), kind.table.data());
        QCOMPARE(asSet(columns), asSet(bookkeeping + kind.keys() + indexes + kind.serverColumns));
    }
}

void TestServerSchema::migrationsHaveOneSource()
{
    for (const ServerMigrator::Step &step : ServerMigrator::steps()) {
        QString sqlite;
        QString postgres;
        QString error;
        QVERIFY2(ServerMigrator::script(step, false, &sqlite, &error), qPrintable(error));
        QVERIFY2(ServerMigrator::script(step, true, &postgres, &error), qPrintable(error));
        QVERIFY(!sqlite.contains(QLatin1String("${")));
        QVERIFY(!postgres.contains(QLatin1String("${")));
        QVERIFY(!SqlScript::split(sqlite).isEmpty());
        // PostgreSQL's triggers call functions; SQLite has none.
        QVERIFY(!sqlite.contains(QLatin1String("plpgsql")));
    }
}

void TestServerSchema::dialectBlocksAreChecked()
{
    const QString source = QStringLiteral("CREATE TABLE t (n ${BIGINT});\n"
                                          "-- @sqlite\nSELECT 'lite';\n"
                                          "-- @postgres\nSELECT 'pg';\n-- @end\nSELECT 'both';");
    QString script;
    QString error;
    QVERIFY(SqlScript::forEngine(source, false, &script, &error));
    QCOMPARE(script, QStringLiteral("CREATE TABLE t (n INTEGER);\nSELECT 'lite';\nSELECT 'both';"));
    QVERIFY(SqlScript::forEngine(source, true, &script, &error));
    QCOMPARE(script, QStringLiteral("CREATE TABLE t (n BIGINT);\nSELECT 'pg';\nSELECT 'both';"));
    for (const char *broken : { "-- @sqlite\nSELECT 1;", "-- @postgres\nSELECT 1;\n-- @end",
                                "-- @sqlite\n-- @sqlite\n", "-- @end\n" }) {
        error.clear();
        QVERIFY(!SqlScript::forEngine(QString::fromLatin1(broken), false, &script, &error));
        QVERIFY(!error.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestServerSchema)
#include "tst_serverschema.moc"
