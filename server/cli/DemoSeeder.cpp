// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoSeeder.h"

#include "DemoApprovalSeeder.h"
#include "DemoMerchantSeeder.h"
#include "core/Accounts.h"
#include "core/AuditLog.h"
#include "core/PasswordHasher.h"
#include "records/ContactJson.h"
#include "records/CustomerJson.h"
#include "records/LeadJson.h"
#include "records/PiiTable.h"
#include "domain/rules/CreditCode.h"
#include "domain/rules/ResidentIdNumber.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <random>

namespace branchline::server {

namespace {

struct Region
{
    const char *name;
    const char *login;
    QList<QPair<const char *, const char *>> branches; // city, branch name
    const char *divisionCode; // 6-digit administrative division for the codes
};

const QList<Region> &regions()
{
    static const QList<Region> all = {
        { "浙江分行",
          "zj",
          { { "杭州", "杭州西湖支行" }, { "宁波", "宁波鄞州支行" }, { "温州", "温州鹿城支行" } },
          "330106" },
        { "江苏分行",
          "js",
          { { "南京", "南京鼓楼支行" }, { "苏州", "苏州工业园区支行" } },
          "320102" },
        { "广东分行",
          "gd",
          { { "广州", "广州天河支行" }, { "深圳", "深圳南山支行" }, { "东莞", "东莞南城支行" } },
          "440106" },
        { "四川分行", "sc", { { "成都", "成都武侯支行" }, { "绵阳", "绵阳涪城支行" } }, "510107" },
    };
    return all;
}

const char *const tradeNames[] = { "鑫源", "华信", "恒泰", "瑞丰", "嘉禾", "中联", "宏达", "天成",
                                   "永安", "金桥", "东方", "新锐", "博远", "润发", "佳诚", "和信" };
const char *const industries[][2] = { { "餐饮管理", "5812" }, { "便利店", "5411" },
                                      { "服装", "5651" },     { "电子产品", "5732" },
                                      { "茶叶", "5499" },     { "酒店", "7011" },
                                      { "教育咨询", "8299" }, { "汽车维修", "7538" },
                                      { "医药连锁", "5912" }, { "物流", "4215" } };
const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴" };
const char *const givenNames[] = { "伟", "芳", "娜", "敏", "静", "强",   "磊",   "洋",   "艳",
                                   "军", "杰", "涛", "明", "超", "秀英", "建华", "志强", "海燕" };
const char *const streets[] = { "文三路", "中山路", "人民路", "解放路", "建设路", "滨江大道" };

// A version-4 UUID drawn from `random`: the same seed gives the same ids, so the ids' order
// (which the leads, tasks and merchant detail are dealt out by) is the same on every run.
QString seededId(std::mt19937_64 &random)
{
    QByteArray bytes(16, Qt::Uninitialized);
    const quint64 high = random();
    const quint64 low = random();
    for (int i = 0; i < 8; ++i) {
        bytes[i] = char((high >> (8 * i)) & 0xff);
        bytes[8 + i] = char((low >> (8 * i)) & 0xff);
    }
    bytes[6] = char((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = char((bytes[8] & 0x3f) | 0x80); // RFC 4122 variant
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

QString pick(std::mt19937_64 &random, const char *const *items, std::size_t count)
{
    return QString::fromUtf8(items[random() % count]);
}

QString creditCode(const QString &division, quint64 serial)
{
    const QString org = QStringLiteral("%1").arg(serial % 100000000, 8, 10, QLatin1Char('0'));
    const QString first17 =
            QStringLiteral("91") + division + org + CreditCode::organisationCheckCharacter(org);
    return first17 + CreditCode::checkCharacter(first17);
}

QString idNumber(const QString &division, std::mt19937_64 &random)
{
    const QDate birth = QDate(1960, 1, 1).addDays(qint64(random() % (40 * 365)));
    const QString first17 = division + birth.toString(QStringLiteral("yyyyMMdd"))
            + QStringLiteral("%1").arg(random() % 1000, 3, 10, QLatin1Char('0'));
    return first17 + ResidentIdNumber::checkDigit(first17);
}

} // namespace

DemoSeeder::DemoSeeder(const Database &database, QTextStream &out)
    : m_database(database)
    , m_out(out)
{
}

bool DemoSeeder::seed(const Options &options, QString *error)
{
    PasswordHasher hasher;
    Accounts accounts(m_database, hasher);
    QStringList problems;
    std::mt19937_64 random(options.seed);
    // The customers' ids from a stream of their own: the rest of the data stays as before.
    std::mt19937_64 ids(options.seed ^ 0x9e3779b97f4a7c15ULL);

    Branch head{ QString(), QString(), QStringLiteral("总行"), QStringLiteral("head_office"),
                 QStringLiteral("北京") };
    if (!accounts.addBranch(head, QString(), error))
        return false;
    struct Seller
    {
        QString userId;
        QString branchId;
        QString division;
        QString city;
    };
    QList<Seller> sellers;
    auto addUser = [&](const QString &login, const QString &name, Role role,
                       const QString &branchId) -> QString {
        UserAccount user;
        user.login = login;
        user.displayName = name;
        user.role = role;
        user.branchId = branchId;
        if (!accounts.addUser(user, options.password, QString(), &problems, error))
            return QString();
        return user.id;
    };
    if (addUser(QStringLiteral("admin"), QStringLiteral("系统管理员"), Role::Admin, head.id)
                .isEmpty()
        || addUser(QStringLiteral("risk"), QStringLiteral("风控 陈静"), Role::RiskOfficer, head.id)
                   .isEmpty())
        return false;
    for (const Region &region : regions()) {
        Branch regionBranch{ QString(), head.id, QString::fromUtf8(region.name),
                             QStringLiteral("region"),
                             QString::fromUtf8(region.branches.first().first) };
        if (!accounts.addBranch(regionBranch, QString(), error))
            return false;
        const QString prefix = QString::fromLatin1(region.login);
        if (addUser(prefix + QStringLiteral(".manager"),
                    QStringLiteral("%1 网点负责人").arg(regionBranch.name), Role::BranchManager,
                    regionBranch.id)
                    .isEmpty())
            return false;
        int index = 0;
        for (const auto &entry : region.branches) {
            Branch branch{ QString(), regionBranch.id, QString::fromUtf8(entry.second),
                           QStringLiteral("branch"), QString::fromUtf8(entry.first) };
            if (!accounts.addBranch(branch, QString(), error))
                return false;
            for (int rep = 1; rep <= 2; ++rep) {
                const QString name = pick(random, surnames, std::size(surnames))
                        + pick(random, givenNames, std::size(givenNames));
                const QString id = addUser(QStringLiteral("%1.rep%2").arg(prefix).arg(++index),
                                           name, Role::SalesRep, branch.id);
                if (id.isEmpty())
                    return false;
                sellers << Seller{ id, branch.id, QString::fromLatin1(region.divisionCode),
                                   branch.city };
            }
        }
    }

    // Customers, in transactions of 1,000 rows.
    static const char *const riskLevels[] = { "low", "low", "low", "medium", "medium", "high" };
    static const char *const statuses[] = { "prospect", "onboarding", "active",
                                            "active",   "active",     "suspended" };
    static const char *const kycStates[] = { "not_started", "in_progress", "verified", "verified",
                                             "expired" };
    const QString stamp = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    int written = 0;
    while (written < options.customers) {
        const int batch = qMin(1000, options.customers - written);
        const bool ok = m_database.inTransaction(
                [&](QSqlDatabase &db, QString *txError) {
                    QSqlQuery query(db);
                    query.prepare(QStringLiteral(
                            "INSERT INTO customers (id, kind, legal_name, credit_code, id_number, "
                            "phone, address, city, industry, mcc, branch_id, owner_id, status, "
                            "risk_level, kyc_status, tags, notes, version, deleted, created_at, "
                            "updated_at, credit_code_bidx, id_number_bidx, phone_bidx) VALUES "
                            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', 1, 0, ?, ?, ?, "
                            "?, ?)"));
                    // Personal data sealed and indexed as the server stores it (PiiTable).
                    const PiiTable &pii = PiiTable::of<CustomerJson>();
                    QVariantList indexes;
                    auto bindPii = [&](const char *column, const QString &id,
                                       const QString &clear) {
                        QVariant sealed;
                        QVariant index;
                        if (!pii.protect(QString::fromLatin1(column), id, clear, &sealed, &index,
                                         txError))
                            return false;
                        query.addBindValue(sealed);
                        indexes << index;
                        return true;
                    };
                    for (int i = 0; i < batch; ++i) {
                        const int n = written + i;
                        const Seller &seller = sellers.at(int(random() % sellers.size()));
                        const auto &industry = industries[random() % std::size(industries)];
                        const int roll = int(random() % 10);
                        const QString kind = roll < 7 ? QStringLiteral("merchant")
                                : roll < 9            ? QStringLiteral("corporate")
                                                      : QStringLiteral("individual");
                        const QString person = pick(random, surnames, std::size(surnames))
                                + pick(random, givenNames, std::size(givenNames));
                        const QString name = kind == QLatin1String("individual")
                                ? person
                                : pick(random, tradeNames, std::size(tradeNames))
                                        + QString::fromUtf8(industry[0])
                                        + QStringLiteral("有限公司（%1）").arg(n + 1);
                        const QString id = seededId(ids);
                        const bool individual = kind == QLatin1String("individual");
                        query.addBindValue(id);
                        query.addBindValue(kind);
                        query.addBindValue(name);
                        indexes.clear();
                        if (!bindPii("credit_code", id,
                                     individual ? QString()
                                                : creditCode(seller.division, quint64(n) + 1))
                            || !bindPii("id_number", id,
                                        individual ? idNumber(seller.division, random) : QString())
                            || !bindPii("phone", id,
                                        QStringLiteral("13%1").arg(random() % 1000000000, 9, 10,
                                                                   QLatin1Char('0'))))
                            return false;
                        query.addBindValue(
                                QString(pick(random, streets, std::size(streets))
                                        + QStringLiteral(" %1 号").arg(random() % 900 + 1)));
                        query.addBindValue(seller.city);
                        query.addBindValue(QString::fromUtf8(industry[0]));
                        query.addBindValue(kind == QLatin1String("merchant")
                                                   ? QVariant(QString::fromLatin1(industry[1]))
                                                   : QVariant(QMetaType::fromType<QString>()));
                        query.addBindValue(seller.branchId);
                        query.addBindValue(seller.userId);
                        query.addBindValue(
                                QString::fromLatin1(statuses[random() % std::size(statuses)]));
                        query.addBindValue(
                                QString::fromLatin1(riskLevels[random() % std::size(riskLevels)]));
                        query.addBindValue(
                                QString::fromLatin1(kycStates[random() % std::size(kycStates)]));
                        query.addBindValue(stamp);
                        query.addBindValue(stamp);
                        for (const QVariant &index : std::as_const(indexes))
                            query.addBindValue(index);
                        if (!query.exec()) {
                            *txError = query.lastError().text();
                            return false;
                        }
                    }
                    return true;
                },
                error);
        if (!ok)
            return false;
        written += batch;
    }
    int approvals = 0;
    if (!seedAround(options, options.seed + 1, error)
        || !DemoMerchantSeeder(m_database).seed(options.seed + 2, error)
        || !DemoApprovalSeeder(m_database).seed(&approvals, error))
        return false;
    const QString detail = QString::fromUtf8(
            QJsonDocument(QJsonObject{ { QStringLiteral("customers"), options.customers },
                                       { QStringLiteral("activities"), options.activities },
                                       { QStringLiteral("approvals"), approvals },
                                       { QStringLiteral("seed"), QString::number(options.seed) } })
                    .toJson(QJsonDocument::Compact));
    if (!m_database.inTransaction(
                [&](QSqlDatabase &db, QString *txError) {
                    return AuditLog::append(db,
                                            { QString(), QStringLiteral("demo.seed"),
                                              QStringLiteral("customers"), QString(), QString(),
                                              detail },
                                            txError);
                },
                error))
        return false;
    m_out << tr("Demo organisation created: %1 users in %2 branches, %3 customers. Every demo "
                "user's password is the one given; sign in as admin, risk, zj.manager or "
                "zj.rep1.")
                     .arg(sellers.size() + regions().size() + 2)
                     .arg(accounts.branches(error).size())
                     .arg(options.customers)
          << Qt::endl;
    return true;
}

bool DemoSeeder::seedAround(const Options &options, quint64 seed, QString *error)
{
    std::mt19937_64 random(seed);
    QSqlDatabase db = m_database.connection(error);
    QSqlQuery query(db);
    struct Owned
    {
        QString id;
        QString owner;
        QString branch;
        QString city;
    };
    QList<Owned> customers;
    if (!query.exec(QStringLiteral(
                "SELECT id, owner_id, branch_id, city FROM customers ORDER BY id"))) {
        *error = query.lastError().text();
        return false;
    }
    while (query.next())
        customers << Owned{ query.value(0).toString(), query.value(1).toString(),
                            query.value(2).toString(), query.value(3).toString() };
    if (customers.isEmpty())
        return true;
    const QString stamp = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto newId = [] { return QUuid::createUuid().toString(QUuid::WithoutBraces); };
    auto person = [&random]() -> QString {
        return pick(random, surnames, std::size(surnames))
                + pick(random, givenNames, std::size(givenNames));
    };
    auto phone = [&random] {
        return QStringLiteral("13%1").arg(random() % 1000000000, 9, 10, QLatin1Char('0'));
    };
    static const char *const sources[] = { "web_form", "referral",    "partner",
                                           "event",    "call_centre", "walk_in" };
    static const char *const leadStates[] = { "new", "new", "contacted", "qualified", "lost" };
    static const char *const titles[] = { "回访商户经营情况", "补充尽调材料", "费率调整沟通",
                                          "终端巡检", "续贷意向确认" };
    static const char *const kinds[] = { "visit", "call", "call", "note", "email" };
    static const char *const subjects[] = { "上门拜访，了解经营流水", "电话回访，确认收款情况",
                                            "商户反映扫码费率偏高", "补充营业执照复印件",
                                            "讨论新增 POS 终端" };

    const int activities = options.activities < 0 ? 2 * int(customers.size()) : options.activities;
    return m_database.inTransaction(
            [&](QSqlDatabase &tx, QString *txError) {
                QSqlQuery insert(tx);
                auto run = [&]() {
                    if (insert.exec())
                        return true;
                    *txError = insert.lastError().text();
                    return false;
                };
                // Phones sealed and indexed as the server stores them (PiiTable).
                QVariant sealedPhone;
                QVariant phoneIndex;
                auto protectPhone = [&](const PiiTable &pii, const QString &id) {
                    return pii.protect(QStringLiteral("phone"), id, phone(), &sealedPhone,
                                       &phoneIndex, txError);
                };
                // A contact at half of the firms.
                insert.prepare(QStringLiteral(
                        "INSERT INTO contacts (id, customer_id, name, title, phone, is_primary, "
                        "created_at, updated_at, phone_bidx) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)"));
                for (qsizetype i = 0; i < customers.size(); i += 2) {
                    const QString id = newId();
                    insert.addBindValue(id);
                    insert.addBindValue(customers[i].id);
                    insert.addBindValue(person());
                    insert.addBindValue(QStringLiteral("财务负责人"));
                    if (!protectPhone(PiiTable::of<ContactJson>(), id))
                        return false;
                    insert.addBindValue(sealedPhone);
                    insert.addBindValue(stamp);
                    insert.addBindValue(stamp);
                    insert.addBindValue(phoneIndex);
                    if (!run())
                        return false;
                }
                // One lead for every three customers, from every channel.
                insert.prepare(QStringLiteral(
                        "INSERT INTO leads (id, name, company, phone, source, status, score, "
                        "owner_id, branch_id, product_interest, city, created_at, updated_at, "
                        "phone_bidx) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
                for (qsizetype i = 0; i < customers.size(); i += 3) {
                    const QString id = newId();
                    insert.addBindValue(id);
                    insert.addBindValue(person());
                    insert.addBindValue(QString(pick(random, tradeNames, std::size(tradeNames))
                                                + QStringLiteral("商行")));
                    if (!protectPhone(PiiTable::of<LeadJson>(), id))
                        return false;
                    insert.addBindValue(sealedPhone);
                    insert.addBindValue(
                            QString::fromLatin1(sources[random() % std::size(sources)]));
                    insert.addBindValue(
                            QString::fromLatin1(leadStates[random() % std::size(leadStates)]));
                    insert.addBindValue(int(random() % 101));
                    insert.addBindValue(customers[i].owner);
                    insert.addBindValue(customers[i].branch);
                    insert.addBindValue(QStringLiteral("扫码收款"));
                    insert.addBindValue(customers[i].city);
                    insert.addBindValue(stamp);
                    insert.addBindValue(stamp);
                    insert.addBindValue(phoneIndex);
                    if (!run())
                        return false;
                }
                // Tasks for a third of the customers, some overdue.
                insert.prepare(QStringLiteral(
                        "INSERT INTO tasks (id, title, due_at, owner_id, branch_id, related_table, "
                        "related_id, priority, status, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, 'customers', ?, ?, 'open', ?, ?)"));
                for (qsizetype i = 1; i < customers.size(); i += 3) {
                    insert.addBindValue(newId());
                    insert.addBindValue(QString::fromUtf8(titles[random() % std::size(titles)]));
                    insert.addBindValue(
                            now.addDays(qint64(random() % 21) - 5).toString(Qt::ISODateWithMs));
                    insert.addBindValue(customers[i].owner);
                    insert.addBindValue(customers[i].branch);
                    insert.addBindValue(customers[i].id);
                    insert.addBindValue(random() % 4 == 0 ? QStringLiteral("high")
                                                          : QStringLiteral("normal"));
                    insert.addBindValue(stamp);
                    insert.addBindValue(stamp);
                    if (!run())
                        return false;
                }
                // The timeline.
                insert.prepare(QStringLiteral(
                        "INSERT INTO activities (id, kind, related_table, related_id, author_id, "
                        "occurred_at, subject, created_at, updated_at) "
                        "VALUES (?, ?, 'customers', ?, ?, ?, ?, ?, ?)"));
                for (int i = 0; i < activities; ++i) {
                    const Owned &customer = customers[qsizetype(random() % customers.size())];
                    insert.addBindValue(newId());
                    insert.addBindValue(QString::fromLatin1(kinds[random() % std::size(kinds)]));
                    insert.addBindValue(customer.id);
                    insert.addBindValue(customer.owner);
                    insert.addBindValue(now.addSecs(-qint64(random() % (180 * 86400)))
                                                .toString(Qt::ISODateWithMs));
                    insert.addBindValue(
                            QString::fromUtf8(subjects[random() % std::size(subjects)]));
                    insert.addBindValue(stamp);
                    insert.addBindValue(stamp);
                    if (!run())
                        return false;
                }
                return true;
            },
            error);
}

} // namespace branchline::server
