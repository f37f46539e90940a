// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoData.h"

#include "StoreFixture.h"
#include "repositories/ActivityRepository.h"
#include "repositories/ContactRepository.h"
#include "repositories/CustomerRepository.h"
#include "repositories/LeadRepository.h"
#include "repositories/TaskRepository.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline::test {

namespace {

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

bool run(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (query.exec())
        return true;
    qWarning("demo data: %s", qPrintable(query.lastError().text()));
    return false;
}

const char *const tradeNames[] = { "鑫源", "华信", "恒泰", "瑞丰", "嘉禾", "中联", "宏达", "天成",
                                   "永安", "金桥", "东方", "新锐", "博远", "润发", "佳诚", "和信" };
const char *const industries[][2] = { { "餐饮管理", "5812" }, { "便利店", "5411" },
                                      { "服装", "5651" },     { "电子产品", "5732" },
                                      { "酒店", "7011" },     { "汽车维修", "7538" },
                                      { "医药连锁", "5912" }, { "物流", "4215" } };
const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴" };
const char *const givenNames[] = { "伟", "芳", "娜", "敏", "静", "强",   "磊",   "洋",   "艳",
                                   "军", "杰", "涛", "明", "超", "秀英", "建华", "志强", "海燕" };
const char *const streets[] = { "文三路", "天目山路", "延安路", "中山北路", "学院路", "庆春路" };

} // namespace

bool addBranch(const QSqlDatabase &db, const QString &id, const QString &name, const QString &city)
{
    return run(db,
               QStringLiteral("INSERT INTO branches (id, name, city, version, created_at, "
                              "updated_at) VALUES (?, ?, ?, 1, ?, ?)"),
               { id, name, city, now(), now() });
}

bool addUser(const QSqlDatabase &db, const QString &id, const QString &displayName,
             const QString &branchId, const QString &roleCode)
{
    return run(db,
               QStringLiteral("INSERT INTO users (id, display_name, branch_id, role, version, "
                              "created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)"),
               { id, displayName, branchId, roleCode, now(), now() });
}

bool confirmAllEdits(const QSqlDatabase &db)
{
    return run(db, QStringLiteral("DELETE FROM outbox"), {});
}

DemoBook seedDemoBook(const QSqlDatabase &db, int customers)
{
    DemoBook book;
    addBranch(db, book.hangzhouBranch, QStringLiteral("杭州西湖支行"), QStringLiteral("杭州"));
    addBranch(db, book.ningboBranch, QStringLiteral("宁波鄞州支行"), QStringLiteral("宁波"));
    addUser(db, book.repWang, QStringLiteral("王磊"), book.hangzhouBranch);
    addUser(db, book.repLi, QStringLiteral("李静"), book.hangzhouBranch);
    addUser(db, book.repChen, QStringLiteral("陈涛"), book.ningboBranch);
    addUser(db, QStringLiteral("user-zhou"), QStringLiteral("周敏"), book.hangzhouBranch,
            QStringLiteral("branch_manager"));

    CustomerRepository repository(db);
    Customer tea = merchant(QStringLiteral("杭州西湖龙井茶叶有限公司"));
    tea.creditCode = validCreditCode(20240001);
    tea.phone = QStringLiteral("13905711234");
    tea.address = QStringLiteral("杭州市西湖区龙井路 18 号");
    tea.industry = QStringLiteral("茶叶零售");
    tea.mcc = QStringLiteral("5499");
    tea.branchId = book.hangzhouBranch;
    tea.ownerId = book.repWang;
    tea.status = CustomerStatus::Active;
    tea.riskLevel = RiskLevel::Low;
    tea.kycStatus = KycStatus::Verified;
    tea.tags = QStringList{ QStringLiteral("重点商户"), QStringLiteral("扫码") };
    tea.notes = QStringLiteral("老板王总，每年春茶季交易量翻倍，需提前沟通额度。");
    repository.insert(tea);
    book.teaMerchant = tea.meta.id;
    book.customerIds << tea.meta.id;

    Customer person;
    person.kind = CustomerKind::Individual;
    person.legalName = QStringLiteral("张秀英");
    person.idNumber = validIdNumber(321);
    person.phone = QStringLiteral("13600571188");
    person.city = QStringLiteral("杭州");
    person.address = QStringLiteral("杭州市拱墅区湖墅南路 66 号");
    person.branchId = book.hangzhouBranch;
    person.ownerId = book.repLi;
    person.status = CustomerStatus::Onboarding;
    person.kycStatus = KycStatus::InProgress;
    repository.insert(person);
    book.borrower = person.meta.id;
    book.customerIds << person.meta.id;

    for (int i = 0; i < customers; ++i) {
        Customer c;
        const int shape = i % 5;
        const bool ningbo = i % 3 == 2;
        c.city = ningbo ? QStringLiteral("宁波") : QStringLiteral("杭州");
        c.branchId = ningbo ? book.ningboBranch : book.hangzhouBranch;
        c.ownerId = ningbo ? book.repChen : (i % 2 ? book.repLi : book.repWang);
        c.address = QStringLiteral("%1市%2 %3 号")
                            .arg(c.city, QString::fromUtf8(streets[i % 6]))
                            .arg(10 + i * 7 % 300);
        c.phone = QStringLiteral("13%1%2").arg(5 + i % 5).arg(57100000 + i * 7919 % 1000000, 8, 10,
                                                              QLatin1Char('0'));
        c.status = static_cast<CustomerStatus>(i % 4 == 0 ? 1 : (i % 7 == 0 ? 3 : 2));
        c.kycStatus = c.status == CustomerStatus::Onboarding ? KycStatus::InProgress
                                                             : KycStatus::Verified;
        if (c.status != CustomerStatus::Onboarding)
            c.riskLevel = static_cast<RiskLevel>(i % 9 == 0 ? 2 : i % 3 == 0 ? 1 : 0);
        if (shape < 3) {
            const auto &industry = industries[i % 8];
            c.kind = CustomerKind::Merchant;
            c.legalName = QStringLiteral("%1%2%3有限公司")
                                  .arg(c.city, QString::fromUtf8(tradeNames[(i + i / 16) % 16]),
                                       QString::fromUtf8(industry[0]));
            c.industry = QString::fromUtf8(industry[0]);
            c.mcc = QString::fromLatin1(industry[1]);
            c.creditCode = validCreditCode(1000 + i);
        } else if (shape == 3) {
            c.kind = CustomerKind::Individual;
            c.legalName =
                    QString::fromUtf8(surnames[i % 10]) + QString::fromUtf8(givenNames[i * 7 % 18]);
            c.idNumber = validIdNumber(i);
        } else {
            c.kind = CustomerKind::Corporate;
            c.legalName = QStringLiteral("%1%2贸易有限公司")
                                  .arg(c.city, QString::fromUtf8(tradeNames[(i + 5) % 16]));
            c.industry = QStringLiteral("批发贸易");
            c.creditCode = validCreditCode(5000 + i);
        }
        if (repository.insert(c))
            book.customerIds << c.meta.id;
    }

    ContactRepository contacts(db);
    const QList<QStringList> teaPeople{
        { QStringLiteral("王建华"), QStringLiteral("总经理"), QStringLiteral("13905711234") },
        { QStringLiteral("刘海燕"), QStringLiteral("财务主管"), QStringLiteral("13757129876") },
        { QStringLiteral("陈志强"), QStringLiteral("门店店长"), QStringLiteral("15068101234") },
    };
    for (const QStringList &p : teaPeople) {
        Contact contact;
        contact.customerId = book.teaMerchant;
        contact.name = p[0];
        contact.title = p[1];
        contact.phone = p[2];
        contact.email = QStringLiteral("contact%1@longjingtea.cn").arg(contact.phone.right(4));
        contact.isPrimary = contacts.forCustomer(book.teaMerchant, {}, 1, nullptr).isEmpty();
        contacts.insert(contact);
    }

    ActivityRepository activities(db);
    const QDateTime base = QDateTime::currentDateTimeUtc().addDays(-20);
    const char *const timeline[][3] = {
        { "visit", "上门拜访，确认春茶季备货计划",
          "王总预计四月日均交易额 3 万元，希望提高单笔限额。" },
        { "call", "电话回访扫码收款体验", "门店反映高峰期扫码偶尔超时，已报技术支持。" },
        { "note", "补充营业执照副本扫描件", "" },
        { "visit", "核对终端布放地址", "两台 POS 终端均在龙井路门店，序列号与系统一致。" },
        { "call", "费率调整意向沟通", "商户希望借记卡费率下调，已说明需走审批流程。" },
    };
    for (int i = 0; i < 5; ++i) {
        Activity a;
        a.kind = RecordEnums::parse<ActivityKind>(QString::fromLatin1(timeline[i][0]))
                         .value_or(ActivityKind::Note);
        a.relatedId = book.teaMerchant;
        a.authorId = book.repWang;
        a.occurredAt = base.addDays(i * 4).addSecs(3600 * (i + 1));
        a.subject = QString::fromUtf8(timeline[i][1]);
        a.body = QString::fromUtf8(timeline[i][2]);
        activities.append(a);
    }

    TaskRepository tasks(db);
    const QList<QPair<QString, int>> todo{ { QStringLiteral("提交费率调整审批材料"), -2 },
                                           { QStringLiteral("季度回访：春茶季交易复盘"), 5 },
                                           { QStringLiteral("更新法人身份证有效期"), 12 } };
    for (const auto &item : todo) {
        Task t;
        t.title = item.first;
        t.dueAt = QDateTime::currentDateTimeUtc().addDays(item.second);
        t.ownerId = book.repWang;
        t.relatedTable = QStringLiteral("customers");
        t.relatedId = book.teaMerchant;
        t.priority = item.second < 0 ? TaskPriority::High : TaskPriority::Normal;
        tasks.insert(t);
    }

    LeadRepository leads(db);
    Lead lead;
    lead.name = QStringLiteral("王建华");
    lead.company = QStringLiteral("杭州西湖龙井茶叶有限公司");
    lead.phone = QStringLiteral("13905711234");
    lead.source = LeadSource::Referral;
    lead.status = LeadStatus::Qualified;
    lead.score = 82;
    lead.ownerId = book.repWang;
    lead.branchId = book.hangzhouBranch;
    lead.productInterest = QStringLiteral("第二家门店收单");
    lead.city = QStringLiteral("杭州");
    leads.insert(lead);

    // Records changed over the last weeks, not all in the same second.
    run(db,
        QStringLiteral("UPDATE customers SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', "
                       "'-' || (local_id * 397 % 40000) || ' minutes')"),
        {});
    confirmAllEdits(db);
    return book;
}

} // namespace branchline::test
