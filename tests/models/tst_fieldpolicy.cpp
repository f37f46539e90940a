// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/rules/FieldPolicy.h"

#include <QSet>
#include <QTest>

#include <optional>

using namespace branchline;

Q_DECLARE_METATYPE(branchline::FieldPermission)
Q_DECLARE_METATYPE(branchline::RecordType)
Q_DECLARE_METATYPE(branchline::Role)
Q_DECLARE_METATYPE(std::optional<branchline::PiiKind>)

namespace {

QString permissionName(FieldPermission permission)
{
    switch (permission) {
    case FieldPermission::Hidden:
        return QStringLiteral("Hidden");
    case FieldPermission::Masked:
        return QStringLiteral("Masked");
    case FieldPermission::Visible:
        return QStringLiteral("Visible");
    case FieldPermission::Editable:
        return QStringLiteral("Editable");
    }
    return QStringLiteral("?");
}

QString kindName(std::optional<PiiKind> kind)
{
    if (!kind)
        return QStringLiteral("none");
    switch (*kind) {
    case PiiKind::ResidentId:
        return QStringLiteral("ResidentId");
    case PiiKind::CreditCode:
        return QStringLiteral("CreditCode");
    case PiiKind::Phone:
        return QStringLiteral("Phone");
    case PiiKind::Account:
        return QStringLiteral("Account");
    case PiiKind::Email:
        return QStringLiteral("Email");
    case PiiKind::Name:
        return QStringLiteral("Name");
    }
    return QStringLiteral("?");
}

constexpr FieldPermission H = FieldPermission::Hidden;
constexpr FieldPermission M = FieldPermission::Masked;
constexpr FieldPermission V = FieldPermission::Visible;
constexpr FieldPermission E = FieldPermission::Editable;

struct MatrixRow
{
    RecordType type;
    const char *field;
    FieldPermission rep, manager, risk, admin;
    std::optional<PiiKind> pii;
    bool sensitive;
};

const std::optional<PiiKind> none;

// The expected matrix, written out field by field from the specification, independently
// of the classes FieldPolicy.cpp groups fields into.
// clang-format off
const MatrixRow kExpected[] = {
    //                                     rep  mgr  risk admin
    {RecordType::Customer, "kind",               E, E, V, V, none, false},
    {RecordType::Customer, "legal_name",         E, E, V, V, none, false},
    {RecordType::Customer, "credit_code",        E, V, V, M, PiiKind::CreditCode, false},
    {RecordType::Customer, "id_number",          E, V, V, M, PiiKind::ResidentId, false},
    {RecordType::Customer, "phone",              E, V, V, M, PiiKind::Phone, false},
    {RecordType::Customer, "address",            E, E, V, V, none, false},
    {RecordType::Customer, "city",               E, E, V, V, none, false},
    {RecordType::Customer, "industry",           E, E, V, V, none, false},
    {RecordType::Customer, "mcc",                E, E, V, V, none, false},
    {RecordType::Customer, "branch_id",          V, E, V, E, none, false},
    {RecordType::Customer, "owner_id",           V, E, V, E, none, false},
    {RecordType::Customer, "status",             V, V, V, V, none, true},
    {RecordType::Customer, "risk_level",         V, V, E, V, none, true},
    {RecordType::Customer, "kyc_status",         V, V, E, V, none, true},
    {RecordType::Customer, "tags",               E, E, V, V, none, false},
    {RecordType::Customer, "notes",              E, E, V, V, none, false},
    // Where the money goes changes through an approval only (issue 6): nobody edits it.
    {RecordType::Customer, "settlement_account", V, M, V, M, PiiKind::Account, true},
    {RecordType::Customer, "fee_rate_debit",     V, V, V, V, none, true},
    {RecordType::Customer, "fee_rate_credit",    V, V, V, V, none, true},
    {RecordType::Customer, "fee_rate_qr",        V, V, V, V, none, true},
    {RecordType::Customer, "credit_limit_fen",   V, V, V, V, none, true},

    {RecordType::Contact, "customer_id",         E, E, V, V, none, false},
    {RecordType::Contact, "name",                E, E, V, V, none, false},
    {RecordType::Contact, "title",               E, E, V, V, none, false},
    {RecordType::Contact, "phone",               E, V, V, M, PiiKind::Phone, false},
    {RecordType::Contact, "email",               E, V, V, M, PiiKind::Email, false},
    {RecordType::Contact, "is_primary",          E, E, V, V, none, false},
    {RecordType::Contact, "notes",               E, E, V, V, none, false},

    {RecordType::Lead, "name",                   E, E, V, V, none, false},
    {RecordType::Lead, "company",                E, E, V, V, none, false},
    {RecordType::Lead, "phone",                  E, V, V, M, PiiKind::Phone, false},
    {RecordType::Lead, "email",                  E, V, V, M, PiiKind::Email, false},
    {RecordType::Lead, "source",                 E, E, V, V, none, false},
    {RecordType::Lead, "status",                 E, E, V, V, none, false},
    {RecordType::Lead, "score",                  E, E, V, V, none, false},
    {RecordType::Lead, "owner_id",               V, E, V, E, none, false},
    {RecordType::Lead, "branch_id",              V, E, V, E, none, false},
    {RecordType::Lead, "product_interest",       E, E, V, V, none, false},
    {RecordType::Lead, "city",                   E, E, V, V, none, false},
    {RecordType::Lead, "notes",                  E, E, V, V, none, false},
    {RecordType::Lead, "converted_customer_id",  E, E, V, V, none, false},

    {RecordType::Task, "title",                  E, E, V, V, none, false},
    {RecordType::Task, "due_at",                 E, E, V, V, none, false},
    {RecordType::Task, "owner_id",               E, E, V, V, none, false},
    {RecordType::Task, "related_table",          E, E, V, V, none, false},
    {RecordType::Task, "related_id",             E, E, V, V, none, false},
    {RecordType::Task, "priority",               E, E, V, V, none, false},
    {RecordType::Task, "status",                 E, E, V, V, none, false},
    {RecordType::Task, "reminder_at",            E, E, V, V, none, false},
    {RecordType::Task, "completed_at",           E, E, V, V, none, false},
    {RecordType::Task, "notes",                  E, E, V, V, none, false},

    {RecordType::Activity, "kind",               E, E, V, V, none, false},
    {RecordType::Activity, "related_table",      E, E, V, V, none, false},
    {RecordType::Activity, "related_id",         E, E, V, V, none, false},
    {RecordType::Activity, "author_id",          E, E, V, V, none, false},
    {RecordType::Activity, "occurred_at",        E, E, V, V, none, false},
    {RecordType::Activity, "subject",            E, E, V, V, none, false},
    {RecordType::Activity, "body",               E, E, V, V, none, false},
    {RecordType::Activity, "attachment_name",    E, E, V, V, none, false},

    // Unknown names, system columns and names of one record type asked of another: shown,
    // never editable, never PII.
    {RecordType::Customer, "id",                 V, V, V, V, none, false},
    {RecordType::Customer, "version",            V, V, V, V, none, false},
    {RecordType::Customer, "created_at",         V, V, V, V, none, false},
    {RecordType::Customer, "no_such_field",      V, V, V, V, none, false},
    {RecordType::Customer, "",                   V, V, V, V, none, false},
    {RecordType::Customer, "email",              V, V, V, V, none, false},
    {RecordType::Lead, "risk_level",             V, V, V, V, none, false},
    {RecordType::Contact, "settlement_account",  V, V, V, V, none, false},
    // Fed by the acquiring and transaction systems: read by everyone, edited by nobody.
    {RecordType::Terminal, "serial",             V, V, V, V, none, false},
    {RecordType::Terminal, "status",             V, V, V, V, none, false},
    {RecordType::MerchantVolume, "volume_fen",   V, V, V, V, none, false},
    {RecordType::MerchantVolume, "chargeback_count", V, V, V, V, none, false},
    // The checklist: the rep hands in, risk decides (KycRules says which moves), the
    // manager and admin read; who moved it is the server's to write.
    {RecordType::KycItem, "state",               E, V, E, V, none, true},
    {RecordType::KycItem, "note",                E, V, E, V, none, false},
    {RecordType::KycItem, "customer_id",         E, V, E, V, none, false},
    {RecordType::KycItem, "item",                E, V, E, V, none, false},
    {RecordType::KycItem, "updated_by",          V, V, V, V, none, false},

    {RecordType::Task, "no_such_field",          V, V, V, V, none, false},
    {RecordType::Activity, "attachment_sha256",  V, V, V, V, none, false},
};
// clang-format on

QString rowName(const MatrixRow &row)
{
    static const char *const types[] = { "customers", "contacts",         "leads",    "tasks",
                                         "activities", "terminals", "merchant_volumes",
                                         "kyc_items" };
    return QLatin1String(types[static_cast<int>(row.type)]) + QLatin1Char('.')
            + QLatin1String(row.field);
}

} // namespace

class TestFieldPolicy : public QObject
{
    Q_OBJECT

private slots:
    void matrix_data();
    void matrix();
    void mayReveal_data();
    void mayReveal();
    void present_data();
    void present();
    void presentByPermission_data();
    void presentByPermission();
    void permissionsAreOrdered();
    void roles_data();
    void roles();
    void roleCodesAreExact();
    void roleDisplayNames();
};

void TestFieldPolicy::matrix_data()
{
    QTest::addColumn<RecordType>("type");
    QTest::addColumn<QString>("field");
    QTest::addColumn<FieldPermission>("rep");
    QTest::addColumn<FieldPermission>("manager");
    QTest::addColumn<FieldPermission>("risk");
    QTest::addColumn<FieldPermission>("admin");
    QTest::addColumn<std::optional<PiiKind>>("pii");
    QTest::addColumn<bool>("sensitive");

    for (const MatrixRow &row : kExpected) {
        QTest::newRow(qPrintable(rowName(row)))
                << row.type << QString::fromLatin1(row.field) << row.rep << row.manager << row.risk
                << row.admin << row.pii << row.sensitive;
    }
}

void TestFieldPolicy::matrix()
{
    QFETCH(RecordType, type);
    QFETCH(QString, field);
    QFETCH(FieldPermission, rep);
    QFETCH(FieldPermission, manager);
    QFETCH(FieldPermission, risk);
    QFETCH(FieldPermission, admin);
    QFETCH(std::optional<PiiKind>, pii);
    QFETCH(bool, sensitive);

    QCOMPARE(permissionName(FieldPolicy::permission(Role::SalesRep, type, field)),
             permissionName(rep));
    QCOMPARE(permissionName(FieldPolicy::permission(Role::BranchManager, type, field)),
             permissionName(manager));
    QCOMPARE(permissionName(FieldPolicy::permission(Role::RiskOfficer, type, field)),
             permissionName(risk));
    QCOMPARE(permissionName(FieldPolicy::permission(Role::Admin, type, field)),
             permissionName(admin));
    QCOMPARE(kindName(FieldPolicy::piiKind(type, field)), kindName(pii));
    QCOMPARE(FieldPolicy::isSensitive(type, field), sensitive);

    // Separation of duties: no sensitive field is editable by a sales rep. The one
    // exception is a checklist item's state, which a rep moves only to "submitted" (handing
    // a document in; KycRules, enforced by the server): sensitive, so that a stale decision
    // never silently replaces a newer one.
    if (sensitive && type != RecordType::KycItem)
        QVERIFY(FieldPolicy::permission(Role::SalesRep, type, field) < E);
    // Least privilege: an admin never sees clear PII.
    if (pii)
        QCOMPARE(permissionName(FieldPolicy::permission(Role::Admin, type, field)),
                 permissionName(M));
}

void TestFieldPolicy::mayReveal_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<RecordType>("type");
    QTest::addColumn<QString>("field");
    QTest::addColumn<bool>("expected");

    for (const MatrixRow &row : kExpected) {
        const FieldPermission perRole[] = { row.rep, row.manager, row.risk, row.admin };
        for (const Role role : allRoles()) {
            const FieldPermission p = perRole[static_cast<int>(role)];
            QTest::addRow("%s by %s", qPrintable(rowName(row)), qPrintable(roleCode(role)))
                    << role << row.type << QString::fromLatin1(row.field)
                    << (row.pii.has_value() && p >= V);
        }
    }
}

void TestFieldPolicy::mayReveal()
{
    QFETCH(Role, role);
    QFETCH(RecordType, type);
    QFETCH(QString, field);
    QFETCH(bool, expected);
    QCOMPARE(FieldPolicy::mayReveal(role, type, field), expected);
}

void TestFieldPolicy::present_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<RecordType>("type");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("revealed");
    QTest::addColumn<QString>("expected");

    const QString id = QStringLiteral("110105199001011234");
    const QString idMasked = QStringLiteral("110105********1234");
    const QString phone = QStringLiteral("13812345678");
    const QString phoneMasked = QStringLiteral("138****5678");
    const QString account = QStringLiteral("6222021234567890123");
    const QString accountMasked = QStringLiteral("6222 **** **** 0123");
    const QString email = QStringLiteral("li.si@example.com");
    const QString emailMasked = QStringLiteral("l***@example.com");
    const QString code = QStringLiteral("91350100M000100Y43");
    const QString codeMasked = QStringLiteral("91350100******0Y43");
    const auto C = RecordType::Customer;

    // PII is masked by default for every role, and revealed only on request by a role
    // that may.
    QTest::newRow("rep, id, default")
            << Role::SalesRep << C << QStringLiteral("id_number") << id << false << idMasked;
    QTest::newRow("rep, id, revealed")
            << Role::SalesRep << C << QStringLiteral("id_number") << id << true << id;
    QTest::newRow("manager, id, default")
            << Role::BranchManager << C << QStringLiteral("id_number") << id << false << idMasked;
    QTest::newRow("manager, id, revealed")
            << Role::BranchManager << C << QStringLiteral("id_number") << id << true << id;
    QTest::newRow("risk, id, revealed")
            << Role::RiskOfficer << C << QStringLiteral("id_number") << id << true << id;
    QTest::newRow("admin, id, default")
            << Role::Admin << C << QStringLiteral("id_number") << id << false << idMasked;
    QTest::newRow("admin, id, reveal refused")
            << Role::Admin << C << QStringLiteral("id_number") << id << true << idMasked;
    QTest::newRow("rep, credit code")
            << Role::SalesRep << C << QStringLiteral("credit_code") << code << false << codeMasked;
    QTest::newRow("admin, credit code, reveal refused")
            << Role::Admin << C << QStringLiteral("credit_code") << code << true << codeMasked;
    QTest::newRow("rep, phone") << Role::SalesRep << C << QStringLiteral("phone") << phone << false
                                << phoneMasked;
    QTest::newRow("risk, contact email")
            << Role::RiskOfficer << RecordType::Contact << QStringLiteral("email") << email << false
            << emailMasked;
    QTest::newRow("risk, contact email, revealed")
            << Role::RiskOfficer << RecordType::Contact << QStringLiteral("email") << email << true
            << email;
    QTest::newRow("admin, lead phone, reveal refused")
            << Role::Admin << RecordType::Lead << QStringLiteral("phone") << phone << true
            << phoneMasked;

    QTest::newRow("rep, account, revealed")
            << Role::SalesRep << C << QStringLiteral("settlement_account") << account << true
            << account;
    QTest::newRow("manager, account, reveal refused")
            << Role::BranchManager << C << QStringLiteral("settlement_account") << account << true
            << accountMasked;
    QTest::newRow("manager, account, default")
            << Role::BranchManager << C << QStringLiteral("settlement_account") << account << false
            << accountMasked;
    QTest::newRow("risk, account, revealed")
            << Role::RiskOfficer << C << QStringLiteral("settlement_account") << account << true
            << account;

    QTest::newRow("empty PII stays empty")
            << Role::SalesRep << C << QStringLiteral("phone") << QString() << false << QString();

    // Fields that hold no PII are shown as they are; "revealed" changes nothing.
    QTest::newRow("rep, legal name") << Role::SalesRep << C << QStringLiteral("legal_name")
                                     << QStringLiteral("福州某某科技有限公司") << false
                                     << QStringLiteral("福州某某科技有限公司");
    QTest::newRow("admin, risk level") << Role::Admin << C << QStringLiteral("risk_level")
                                       << QStringLiteral("high") << false << QStringLiteral("high");
    QTest::newRow("risk, fee rate, revealed")
            << Role::RiskOfficer << C << QStringLiteral("fee_rate_debit")
            << QStringLiteral("0.0055") << true << QStringLiteral("0.0055");
    QTest::newRow("unknown field")
            << Role::Admin << RecordType::Task << QStringLiteral("no_such_field")
            << QStringLiteral("x") << false << QStringLiteral("x");
}

void TestFieldPolicy::present()
{
    QFETCH(Role, role);
    QFETCH(RecordType, type);
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(bool, revealed);
    QFETCH(QString, expected);

    const QString shown = FieldPolicy::present(role, type, field, value, revealed);
    QCOMPARE(shown, expected);
    if (FieldPolicy::piiKind(type, field) && !value.isEmpty()
        && !(revealed && FieldPolicy::mayReveal(role, type, field)))
        QVERIFY2(!shown.contains(value), qPrintable(shown));
}

void TestFieldPolicy::presentByPermission_data()
{
    QTest::addColumn<FieldPermission>("permission");
    QTest::addColumn<std::optional<PiiKind>>("kind");
    QTest::addColumn<bool>("revealed");
    QTest::addColumn<QString>("expected");

    const std::optional<PiiKind> phone = PiiKind::Phone;
    // The value is always 13812345678.
    QTest::newRow("hidden PII") << H << phone << false << QString();
    QTest::newRow("hidden PII, revealed") << H << phone << true << QString();
    QTest::newRow("hidden plain") << H << none << false << QString();
    QTest::newRow("hidden plain, revealed") << H << none << true << QString();
    QTest::newRow("masked PII") << M << phone << false << QStringLiteral("138****5678");
    QTest::newRow("masked PII, revealed") << M << phone << true << QStringLiteral("138****5678");
    QTest::newRow("masked plain") << M << none << false << QStringLiteral("****");
    QTest::newRow("masked plain, revealed") << M << none << true << QStringLiteral("****");
    QTest::newRow("visible PII") << V << phone << false << QStringLiteral("138****5678");
    QTest::newRow("visible PII, revealed") << V << phone << true << QStringLiteral("13812345678");
    QTest::newRow("visible plain") << V << none << false << QStringLiteral("13812345678");
    QTest::newRow("editable PII") << E << phone << false << QStringLiteral("138****5678");
    QTest::newRow("editable PII, revealed") << E << phone << true << QStringLiteral("13812345678");
    QTest::newRow("editable plain") << E << none << false << QStringLiteral("13812345678");
}

void TestFieldPolicy::presentByPermission()
{
    QFETCH(FieldPermission, permission);
    QFETCH(std::optional<PiiKind>, kind);
    QFETCH(bool, revealed);
    QFETCH(QString, expected);
    QCOMPARE(FieldPolicy::present(permission, kind, QStringLiteral("13812345678"), revealed),
             expected);
    QCOMPARE(FieldPolicy::present(permission, kind, QString(), revealed), QString());
}

void TestFieldPolicy::permissionsAreOrdered()
{
    QVERIFY(H < M);
    QVERIFY(M < V);
    QVERIFY(V < E);
}

void TestFieldPolicy::roles_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<QString>("code");

    QTest::newRow("sales rep") << Role::SalesRep << QStringLiteral("sales_rep");
    QTest::newRow("branch manager") << Role::BranchManager << QStringLiteral("branch_manager");
    QTest::newRow("risk officer") << Role::RiskOfficer << QStringLiteral("risk_officer");
    QTest::newRow("admin") << Role::Admin << QStringLiteral("admin");
}

void TestFieldPolicy::roles()
{
    QFETCH(Role, role);
    QFETCH(QString, code);
    QCOMPARE(roleCode(role), code);
    const std::optional<Role> parsed = roleFromCode(code);
    QVERIFY(parsed.has_value());
    QCOMPARE(roleCode(*parsed), code);
    QVERIFY(allRoles().contains(role));
}

void TestFieldPolicy::roleCodesAreExact()
{
    QCOMPARE(allRoles().size(), 4);
    QVERIFY(!roleFromCode(QString()).has_value());
    QVERIFY(!roleFromCode(QStringLiteral("Admin")).has_value());
    QVERIFY(!roleFromCode(QStringLiteral(" admin")).has_value());
    QVERIFY(!roleFromCode(QStringLiteral("superuser")).has_value());
    QVERIFY(!roleFromCode(QStringLiteral("sales rep")).has_value());
}

void TestFieldPolicy::roleDisplayNames()
{
    QSet<QString> names;
    for (const Role role : allRoles()) {
        const QString name = roleDisplayName(role);
        QVERIFY(!name.isEmpty());
        QVERIFY2(name != roleCode(role), qPrintable(name));
        names.insert(name);
    }
    QCOMPARE(names.size(), 4);
    QCOMPARE(roleDisplayName(Role::SalesRep), QStringLiteral("Sales rep"));
}

QTEST_GUILESS_MAIN(TestFieldPolicy)
#include "tst_fieldpolicy.moc"
