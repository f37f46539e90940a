// SPDX-License-Identifier: GPL-3.0-or-later
// The client's side of the record schema: the local store, the repositories' row mapping,
// the field rules and the dashboards' data sets expose exactly the schema's fields, so a
// kind added to the schema cannot be half-wired on the client.
#include "StoreFixture.h"
#include "dashboards/DataSetSchema.h"
#include "domain/rules/FieldLabels.h"
#include "domain/rules/FieldPolicy.h"
#include "domain/schema/RecordForms.h"
#include "domain/schema/RecordSchema.h"
#include "repositories/StoredRecord.h"

#include <QSet>
#include <QSqlQuery>
#include <QtTest>

using namespace branchline;

namespace {

const QStringList bookkeeping{ "local_id", "id", "version", "deleted", "created_at", "updated_at" };

QStringList columnsOf(const QSqlDatabase &db, const QString &table)
{
    QSqlQuery query(db);
    QStringList columns;
    if (!query.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table)))
        return columns;
    while (query.next())
        columns << query.value(1).toString();
    return columns;
}

QSet<QString> asSet(const QStringList &list)
{
    return QSet<QString>(list.cbegin(), list.cend());
}

// The schema's keys of a kind a record struct maps: all but those only the server writes
// and the struct does not carry (a task's branch).
template<typename Record>
void checkMapping()
{
    const KindSchema &kind = RecordSchema::kind(FieldsOf<Record>::type);
    QStringList expected;
    for (const FieldSchema &field : kind.fields) {
        if (!field.has(FieldSchema::ClientReadOnly) || mappingOf<Record>().field(field.key))
            expected << QString(field.key);
    }
    QCOMPARE(mappingOf<Record>().keys(), expected);
    // Every key the struct maps is one of the schema's: none dropped silently.
    QCOMPARE(FieldsOf<Record>::map().size(), mappingOf<Record>().fields().size());
    // What the repository writes leaves out exactly the fields the server alone writes.
    const RecordTable::Columns written = StoredRecord<Record>::columnsOf(Record());
    for (const auto &column : written) {
        const FieldSchema *field = kind.field(column.first);
        QVERIFY2(field && !field->has(FieldSchema::ClientReadOnly), qPrintable(column.first));
    }
}

} // namespace

class TestStoreSchema : public QObject
{
    Q_OBJECT

private slots:
    void kindsFollowRecordType();
    void fieldsAreComplete();
    void storeTablesHaveExactlyTheFields();
    void searchIndexesCarryTheSearchableFields();
    void recordStructsMapEveryField();
    void fieldRulesComeFromTheSchema();
    void dashboardFieldsAreSchemaFields();
    void profileFormsPlaceSchemaFields();
};

void TestStoreSchema::kindsFollowRecordType()
{
    const QList<KindSchema> &kinds = RecordSchema::kinds();
    QCOMPARE(kinds.size(), int(RecordType::KycItem) + 1);
    QSet<QString> tables;
    for (int i = 0; i < kinds.size(); ++i) {
        QCOMPARE(int(kinds.at(i).type), i);
        QVERIFY(!tables.contains(kinds.at(i).table));
        tables << kinds.at(i).table;
        QCOMPARE(RecordSchema::kind(QString(kinds.at(i).table)), &kinds.at(i));
    }
    QCOMPARE(RecordSchema::kind(QStringLiteral("no_such_table")), nullptr);
}

void TestStoreSchema::fieldsAreComplete()
{
    for (const KindSchema &kind : RecordSchema::kinds()) {
        QVERIFY(kind.label);
        QSet<QString> keys;
        for (const FieldSchema &field : kind.fields) {
            const QString where = QString(kind.table) + QLatin1Char('.') + field.key;
            QVERIFY2(!keys.contains(field.key), qPrintable(where));
            keys << field.key;
            QVERIFY2(field.label, qPrintable(where));
            QVERIFY2(field.access != FieldClass::Unknown, qPrintable(where));
            QVERIFY2(field.maxLength > 0, qPrintable(where));
            if (field.type == FieldType::Choice) {
                QVERIFY2(field.vocabulary && !field.vocabulary().isEmpty(), qPrintable(where));
            }
            if (field.type == FieldType::Reference)
                QVERIFY2(!field.references.isEmpty(), qPrintable(where));
            // A required field cannot be stored as NULL when empty, and PII is text.
            QVERIFY2(!(field.has(FieldSchema::Required) && field.has(FieldSchema::Nullable)),
                     qPrintable(where));
            if (field.pii)
                QVERIFY2(field.type == FieldType::Text, qPrintable(where));
        }
        // Who may see a row: its own scope keys, or those of the record it belongs to.
        if (kind.scopeKeys.isEmpty()) {
            const FieldSchema *through = kind.field(kind.scopedThrough);
            QVERIFY2(through && through->type == FieldType::Reference, kind.table.data());
        }
        for (const QString &key : kind.scopeKeys)
            QVERIFY2(kind.field(key), qPrintable(key));
        // Nobody edits what the institution's systems feed.
        if (kind.systemFed) {
            for (const FieldSchema &field : kind.fields)
                QVERIFY2(field.access == FieldClass::SystemFed, field.key.data());
        }
    }
}

void TestStoreSchema::storeTablesHaveExactlyTheFields()
{
    test::StoreFixture store;
    QVERIFY(store.isOpen());
    for (const KindSchema &kind : RecordSchema::kinds()) {
        const QStringList columns = columnsOf(store.db(), kind.table);
        QVERIFY2(!columns.isEmpty(), kind.table.data());
        QCOMPARE(asSet(columns), asSet(bookkeeping + kind.keys()));
    }
}

void TestStoreSchema::searchIndexesCarryTheSearchableFields()
{
    test::StoreFixture store;
    QVERIFY(store.isOpen());
    for (const KindSchema &kind : RecordSchema::kinds()) {
        QStringList searchable;
        for (const FieldSchema &field : kind.fields) {
            if (field.has(FieldSchema::Searchable))
                searchable << QString(field.key);
        }
        const QStringList fts = columnsOf(store.db(), QString(kind.table) + QStringLiteral("_fts"));
        QCOMPARE(asSet(fts), asSet(searchable));
    }
}

void TestStoreSchema::recordStructsMapEveryField()
{
    checkMapping<Customer>();
    checkMapping<Contact>();
    checkMapping<Lead>();
    checkMapping<Task>();
    checkMapping<Activity>();
    checkMapping<Terminal>();
    checkMapping<MerchantVolume>();
    checkMapping<KycItem>();
}

void TestStoreSchema::fieldRulesComeFromTheSchema()
{
    for (const KindSchema &kind : RecordSchema::kinds()) {
        for (const FieldSchema &field : kind.fields) {
            QCOMPARE(FieldPolicy::maxLength(kind.type, field.key), field.maxLength);
            QCOMPARE(FieldPolicy::piiKind(kind.type, field.key), field.pii);
            QVERIFY(FieldLabels::field(kind.table, field.key) != QString(field.key));
        }
        QVERIFY(FieldLabels::recordKind(kind.table) != QString(kind.table));
        QCOMPARE(FieldLabels::recordType(kind.table), std::optional<RecordType>(kind.type));
    }
    // A name the schema does not have is granted nothing beyond reading.
    QCOMPARE(FieldPolicy::permission(Role::SalesRep, RecordType::Customer,
                                     QStringLiteral("approval_state")),
             FieldPermission::Visible);
}

void TestStoreSchema::dashboardFieldsAreSchemaFields()
{
    int checked = 0;
    for (const schema::DataSetDef &set : schema::dataSets()) {
        for (const QList<schema::FieldDef> *list : { &set.dimensions, &set.measures }) {
            for (const schema::FieldDef &field : *list) {
                if (!field.recordType || field.column.isEmpty())
                    continue;
                const KindSchema &kind = RecordSchema::kind(*field.recordType);
                QVERIFY2(kind.field(field.column),
                         qPrintable(set.id + QLatin1Char(':') + field.name));
                ++checked;
            }
        }
    }
    QVERIFY(checked > 10);
}

void TestStoreSchema::profileFormsPlaceSchemaFields()
{
    for (const KindSchema &kind : RecordSchema::kinds()) {
        const QList<FormSection> sections = RecordForms::profile(kind.type);
        if (sections.isEmpty())
            continue; // laid out by hand still
        QSet<QString> placed;
        for (const FormSection &section : sections) {
            for (const FormField &field : section.fields) {
                QVERIFY2(kind.field(field.key), field.key.data());
                QVERIFY2(!placed.contains(field.key), field.key.data());
                placed << field.key;
            }
        }
        // Every field the client writes has a place: a new one cannot be left off the form.
        for (const FieldSchema &field : kind.fields) {
            if (!field.has(FieldSchema::ClientReadOnly))
                QVERIFY2(placed.contains(field.key), field.key.data());
        }
    }
    QVERIFY(!RecordForms::profile(RecordType::Customer).isEmpty());
}

QTEST_GUILESS_MAIN(TestStoreSchema)
#include "tst_storeschema.moc"
