// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientRecordGenerator.h"

#include "CustomerGenerator.h"

#include <QDateTime>

#include <iterator>

namespace branchline {

namespace {

constexpr const char *activityKinds[] = { "call", "visit", "note", "email", "document" };
constexpr const char *subjects[] = {
    "电话回访：交易量下降原因", "实地走访门店",          "补充营业执照副本", "费率调整沟通",
    "POS 终端故障报修",         "结算账户变更核实",      "年度复核",         "推荐聚合支付",
    "Quarterly review call",    "Sent the fee schedule",
};
constexpr const char *bodies[] = {
    "客户反映近期客流减少，计划下月开展促销活动，交易量预计回升。",
    "经营场所与登记地址一致，门头照片已上传，收银台两台终端运行正常。",
    "法定代表人已提供新的身份证复印件，待风控复核。",
    "客户希望信用卡费率下调 0.05%，已提交审批。",
    "Customer asked for a second terminal for the new counter; model and serial noted.",
    "",
};
constexpr const char *taskTitles[] = { "上门回访", "补充 KYC 资料", "终端巡检", "费率复核",
                                       "Call back about the settlement account" };
constexpr const char *priorities[] = { "low", "normal", "high", "urgent" };
constexpr const char *contactNames[] = { "王丽", "李强", "张敏", "刘洋", "陈静",
                                         "杨磊", "黄艳", "赵军", "周杰", "吴芳" };
constexpr const char *titles[] = { "财务经理", "店长", "法定代表人", "出纳", "运营主管" };
constexpr const char *sources[] = { "web_form", "referral",    "partner",
                                    "event",    "call_centre", "walk_in" };
constexpr const char *openLeadStatuses[] = { "new", "contacted", "qualified", "lost" };

constexpr qint64 epoch2018 = 1514764800; // 2018-01-01T00:00:00Z
constexpr qint64 nineYears = 284000000;

quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

template<typename T, std::size_t N>
int sizeOf(const T (&)[N])
{
    return static_cast<int>(N);
}

} // namespace

ClientRecordGenerator::ClientRecordGenerator(const CustomerGenerator &customers, quint64 seed)
    : m_customers(customers)
    , m_random(seed)
    , m_seed(seed)
{
}

QString ClientRecordGenerator::nextId(quint64 domain)
{
    const quint64 index = m_next++;
    const quint64 high =
            (mix(m_seed ^ mix(domain) ^ (index * 2)) & 0xffffffffffff0fffULL) | 0x4000ULL;
    const quint64 low = (mix(m_seed ^ mix(domain) ^ (index * 2 + 1)) & 0x3fffffffffffffffULL)
            | 0x8000000000000000ULL;
    const QString hex = QStringLiteral("%1%2")
                                .arg(high, 16, 16, QLatin1Char('0'))
                                .arg(low, 16, 16, QLatin1Char('0'));
    return hex.mid(0, 8) + QLatin1Char('-') + hex.mid(8, 4) + QLatin1Char('-') + hex.mid(12, 4)
            + QLatin1Char('-') + hex.mid(16, 4) + QLatin1Char('-') + hex.mid(20, 12);
}

int ClientRecordGenerator::pick(int size)
{
    return static_cast<int>(m_random() % static_cast<quint64>(size));
}

QString ClientRecordGenerator::timestamp(qint64 secondsSince2018) const
{
    return QDateTime::fromSecsSinceEpoch(epoch2018 + secondsSince2018, Qt::UTC)
            .toString(Qt::ISODateWithMs);
}

QString ClientRecordGenerator::user()
{
    return m_customers.userId(pick(CustomerGenerator::userCount));
}

QString ClientRecordGenerator::activityInsertSql()
{
    return QStringLiteral(
            "INSERT INTO activities (id, kind, related_table, related_id, author_id, "
            "occurred_at, subject, body, attachment_name, attachment_size, attachment_sha256, "
            "version, deleted, created_at, updated_at) "
            "VALUES (?, ?, 'customers', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)");
}

QVariantList ClientRecordGenerator::activity(qint64 customerIndex)
{
    const int kind = pick(sizeOf(activityKinds));
    const bool document = kind == 4;
    const QString when = timestamp(static_cast<qint64>(m_random() % nineYears));
    const QVariant none(QMetaType::fromType<QString>());
    return { nextId(11),
             QString::fromLatin1(activityKinds[kind]),
             m_customers.customerId(customerIndex),
             user(),
             when,
             QString::fromUtf8(subjects[pick(sizeOf(subjects))]),
             QString::fromUtf8(bodies[pick(sizeOf(bodies))]),
             document ? QVariant(QStringLiteral("营业执照-%1.pdf").arg(pick(1000))) : none,
             document ? QVariant(100000 + pick(900000)) : QVariant(QMetaType::fromType<int>()),
             document ? QVariant(QString::number(m_random(), 16).repeated(4)) : none,
             1 + pick(1000),
             when,
             when };
}

QString ClientRecordGenerator::contactInsertSql()
{
    return QStringLiteral("INSERT INTO contacts (id, customer_id, name, title, phone, email, "
                          "is_primary, notes, version, deleted, created_at, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, 0, ?, ?)");
}

QVariantList ClientRecordGenerator::contact(qint64 customerIndex, bool primary)
{
    const QString when = timestamp(static_cast<qint64>(m_random() % nineYears));
    return { nextId(12),
             m_customers.customerId(customerIndex),
             QString::fromUtf8(contactNames[pick(sizeOf(contactNames))]),
             QString::fromUtf8(titles[pick(sizeOf(titles))]),
             QStringLiteral("139%1").arg(pick(100000000), 8, 10, QLatin1Char('0')),
             QStringLiteral("contact%1@example.cn").arg(pick(1000000)),
             primary ? 1 : 0,
             1 + pick(1000),
             when,
             when };
}

QString ClientRecordGenerator::taskInsertSql()
{
    return QStringLiteral(
            "INSERT INTO tasks (id, title, due_at, owner_id, related_table, related_id, "
            "priority, status, reminder_at, completed_at, notes, version, deleted, created_at, "
            "updated_at, branch_id) "
            "VALUES (?, ?, ?, ?, 'customers', ?, ?, ?, NULL, ?, '', ?, 0, ?, ?, ?)");
}

QVariantList ClientRecordGenerator::task(qint64 customerIndex, bool open)
{
    const qint64 created = static_cast<qint64>(m_random() % nineYears);
    const QString due = timestamp(created + 86400 * (1 + pick(60)));
    return { nextId(13),
             QString::fromUtf8(taskTitles[pick(sizeOf(taskTitles))]),
             due,
             user(),
             m_customers.customerId(customerIndex),
             QString::fromLatin1(priorities[pick(sizeOf(priorities))]),
             open ? QStringLiteral("open") : QStringLiteral("done"),
             open ? QVariant(QMetaType::fromType<QString>()) : QVariant(due),
             1 + pick(1000),
             timestamp(created),
             timestamp(created),
             m_customers.branchId(pick(CustomerGenerator::branchCount)) };
}

QString ClientRecordGenerator::leadInsertSql()
{
    return QStringLiteral(
            "INSERT INTO leads (id, name, company, phone, email, source, status, score, "
            "owner_id, branch_id, product_interest, city, notes, converted_customer_id, "
            "version, deleted, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, '', '', ?, ?, 0, ?, ?)");
}

QVariantList ClientRecordGenerator::lead(qint64 customerIndex, bool converted, const QString &phone)
{
    const QString when = timestamp(static_cast<qint64>(m_random() % nineYears));
    const QVariant none(QMetaType::fromType<QString>());
    return { nextId(14),
             QString::fromUtf8(contactNames[pick(sizeOf(contactNames))]),
             QStringLiteral("潜在商户%1").arg(pick(100000)),
             phone.isEmpty() ? none : QVariant(phone),
             QString::fromLatin1(sources[pick(sizeOf(sources))]),
             converted ? QStringLiteral("converted")
                       : QString::fromLatin1(openLeadStatuses[pick(sizeOf(openLeadStatuses))]),
             pick(101),
             user(),
             m_customers.branchId(pick(CustomerGenerator::branchCount)),
             QStringLiteral("POS"),
             converted ? QVariant(m_customers.customerId(customerIndex)) : none,
             1 + pick(1000),
             when,
             when };
}

} // namespace branchline
