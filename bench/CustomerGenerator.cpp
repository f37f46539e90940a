// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerGenerator.h"

#include <QDateTime>
#include <QStringList>

#include <array>
#include <iterator>

namespace branchline {

namespace {

struct City
{
    const char *name;
    const char *latin;
    int weight; // share of the portfolio, in arbitrary units
};

// 30 cities; the weights make tier-1 cities several times more common than the rest.
constexpr City cities[] = {
    { "北京", "Beijing", 90 },  { "上海", "Shanghai", 95 },       { "广州", "Guangzhou", 70 },
    { "深圳", "Shenzhen", 80 }, { "杭州", "Hangzhou", 50 },       { "南京", "Nanjing", 35 },
    { "苏州", "Suzhou", 35 },   { "成都", "Chengdu", 45 },        { "重庆", "Chongqing", 40 },
    { "武汉", "Wuhan", 35 },    { "西安", "Xian", 30 },           { "天津", "Tianjin", 30 },
    { "长沙", "Changsha", 25 }, { "郑州", "Zhengzhou", 25 },      { "青岛", "Qingdao", 20 },
    { "厦门", "Xiamen", 18 },   { "宁波", "Ningbo", 18 },         { "合肥", "Hefei", 18 },
    { "福州", "Fuzhou", 15 },   { "济南", "Jinan", 15 },          { "大连", "Dalian", 12 },
    { "沈阳", "Shenyang", 12 }, { "昆明", "Kunming", 12 },        { "南宁", "Nanning", 10 },
    { "贵阳", "Guiyang", 10 },  { "石家庄", "Shijiazhuang", 10 }, { "太原", "Taiyuan", 8 },
    { "南昌", "Nanchang", 10 }, { "哈尔滨", "Harbin", 8 },        { "东莞", "Dongguan", 25 },
};
constexpr int cityCount = static_cast<int>(std::size(cities));

constexpr std::array<int, cityCount> cityWeights = [] {
    std::array<int, cityCount> weights{};
    for (int i = 0; i < cityCount; ++i)
        weights[static_cast<std::size_t>(i)] = cities[i].weight;
    return weights;
}();

struct TradeCharacter
{
    const char *hanzi;
    const char *pinyin;
};

// Characters Chinese firms favour in their trade names (字号), with their pinyin.
constexpr TradeCharacter tradeCharacters[] = {
    { "鑫", "xin" },    { "源", "yuan" },  { "华", "hua" },   { "盛", "sheng" }, { "泰", "tai" },
    { "隆", "long" },   { "祥", "xiang" }, { "瑞", "rui" },   { "丰", "feng" },  { "达", "da" },
    { "宏", "hong" },   { "兴", "xing" },  { "恒", "heng" },  { "通", "tong" },  { "嘉", "jia" },
    { "禾", "he" },     { "美", "mei" },   { "佳", "jia" },   { "汇", "hui" },   { "聚", "ju" },
    { "德", "de" },     { "福", "fu" },    { "安", "an" },    { "康", "kang" },  { "宁", "ning" },
    { "信", "xin" },    { "诚", "cheng" }, { "博", "bo" },    { "远", "yuan" },  { "金", "jin" },
    { "银", "yin" },    { "星", "xing" },  { "辰", "chen" },  { "优", "you" },   { "品", "pin" },
    { "乐", "le" },     { "天", "tian" },  { "海", "hai" },   { "云", "yun" },   { "峰", "feng" },
    { "创", "chuang" }, { "智", "zhi" },   { "联", "lian" },  { "尚", "shang" }, { "益", "yi" },
    { "润", "run" },    { "邦", "bang" },  { "中", "zhong" }, { "展", "zhan" },  { "卓", "zhuo" },
};
constexpr int tradeCharacterCount = static_cast<int>(std::size(tradeCharacters));

struct Industry
{
    const char *nameWord; // as it appears in the legal name
    const char *english;
    const char *sector; // the customers.industry column
    const char *mcc;
};

constexpr Industry industries[] = {
    { "科技", "Technology", "信息技术", "7372" },
    { "贸易", "Trading", "批发零售", "5999" },
    { "餐饮管理", "Catering Management", "餐饮", "5812" },
    { "商贸", "Commerce", "批发零售", "5311" },
    { "电子商务", "E-Commerce", "电子商务", "5964" },
    { "文化传媒", "Culture Media", "文化传媒", "7311" },
    { "物流", "Logistics", "交通物流", "4214" },
    { "网络科技", "Network Technology", "信息技术", "4816" },
    { "食品", "Food", "食品", "5411" },
    { "服饰", "Apparel", "服装", "5651" },
    { "建材", "Building Materials", "建材", "5211" },
    { "医药", "Pharmaceutical", "医药", "5912" },
    { "教育咨询", "Education Consulting", "教育", "8299" },
    { "酒店管理", "Hotel Management", "住宿", "7011" },
    { "汽车服务", "Auto Services", "汽车", "7538" },
    { "农业发展", "Agricultural Development", "农业", "0763" },
    { "供应链管理", "Supply Chain Management", "交通物流", "4225" },
    { "便利店", "Convenience Store", "批发零售", "5499" },
};
constexpr int industryCount = static_cast<int>(std::size(industries));

constexpr const char *surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                     "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高" };
constexpr const char *givenNames[] = { "伟", "芳",   "娜",   "秀英", "敏",   "静", "丽",
                                       "强", "磊",   "军",   "洋",   "勇",   "艳", "杰",
                                       "娟", "涛",   "明",   "超",   "秀兰", "霞", "平",
                                       "刚", "桂英", "建华", "志强" };
constexpr const char *districts[] = { "高新区", "经开区", "东城区", "西城区", "南山区", "朝阳区",
                                      "滨江区", "天河区", "江北区", "新区",   "开发区", "城关区" };
constexpr const char *roads[] = { "人民", "建设", "解放", "中山", "和平", "长江", "黄河", "新华",
                                  "文化", "科技", "学府", "滨河", "光明", "青年", "工业" };
constexpr const char *roadKinds[] = { "路", "街", "大道" };
constexpr const char *notes[] = {
    "客户申请提高单笔交易限额，待风控审批",
    "已完成实地走访，经营场所与登记地址一致",
    "近三个月交易量下降，需安排回访",
    "法定代表人变更，待补充营业执照副本",
    "有跨境收款需求，已转交国际业务部",
    "推荐开通聚合支付和分账功能",
    "夜间交易占比偏高，列入观察名单",
    "结算账户变更，已核实开户许可",
    "Annual review done; volumes stable, no adverse media.",
    "Requested QR acquiring for new outlets in the mall.",
};
constexpr const char *tagWords[] = { "pos",         "qr",         "vip",   "cross_border",
                                     "high_volume", "new_outlet", "agent", "online" };
constexpr const char *kinds[] = { "merchant", "corporate", "individual" };
constexpr int kindWeights[] = { 75, 15, 10 };
constexpr const char *statuses[] = { "prospect", "onboarding", "active", "suspended",
                                     "terminated" };
constexpr int statusWeights[] = { 10, 8, 70, 7, 5 };
constexpr const char *riskLevels[] = { "low", "medium", "high", "prohibited" };
constexpr int riskWeights[] = { 60, 28, 10, 1 }; // the missing 1% stays NULL (not rated yet)
constexpr const char *kycStatuses[] = { "not_started", "in_progress", "verified", "expired",
                                        "rejected" };
constexpr int kycWeights[] = { 8, 10, 72, 7, 3 };
constexpr const char *roles[] = { "sales_rep", "branch_manager", "risk_officer", "admin" };

// splitmix64: a strong 64-bit mix, so ids of neighbouring indexes share nothing.
quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

constexpr qint64 epoch2018 = 1514764800; // 2018-01-01T00:00:00Z
constexpr qint64 sixAndAHalfYears = 205000000;

QString latin1(const char *text)
{
    return QString::fromLatin1(text);
}

} // namespace

CustomerGenerator::CustomerGenerator(quint64 seed)
    : m_seed(seed)
    , m_random(seed)
{
}

QString CustomerGenerator::uuid(quint64 domain, quint64 index) const
{
    const quint64 high = mix(m_seed ^ mix(domain) ^ (index * 2));
    const quint64 low = mix(m_seed ^ mix(domain) ^ (index * 2 + 1));
    // Shaped as a version-4 UUID, like the ids the product makes.
    const quint64 versioned = (high & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
    const quint64 variant = (low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
    const QString hex = QString("%1%2")
                                .arg(versioned, 16, 16, QLatin1Char('0'))
                                .arg(variant, 16, 16, QLatin1Char('0'));
    return hex.mid(0, 8) + '-' + hex.mid(8, 4) + '-' + hex.mid(12, 4) + '-' + hex.mid(16, 4) + '-'
            + hex.mid(20, 12);
}

QString CustomerGenerator::customerId(qint64 index) const
{
    return uuid(1, static_cast<quint64>(index));
}

QString CustomerGenerator::branchId(int index) const
{
    return uuid(2, static_cast<quint64>(index));
}

QString CustomerGenerator::userId(int index) const
{
    return uuid(3, static_cast<quint64>(index));
}

int CustomerGenerator::pick(int size)
{
    // Plain modulo rather than std::uniform_int_distribution, whose output differs between
    // standard libraries; the bias is far below anything a benchmark could notice.
    return static_cast<int>(m_random() % static_cast<quint64>(size));
}

int CustomerGenerator::pickWeighted(const int *weights, int size)
{
    int total = 0;
    for (int i = 0; i < size; ++i)
        total += weights[i];
    int value = pick(total);
    for (int i = 0; i < size; ++i) {
        if (value < weights[i])
            return i;
        value -= weights[i];
    }
    return size - 1;
}

bool CustomerGenerator::chance(double probability)
{
    return static_cast<double>(m_random() >> 11) * 0x1.0p-53 < probability;
}

QString CustomerGenerator::digits(int count)
{
    QString text;
    text.reserve(count);
    for (int i = 0; i < count; ++i)
        text += QChar(u'0' + pick(10));
    return text;
}

QString CustomerGenerator::timestamp(qint64 secondsSince2018, int ms) const
{
    return QDateTime::fromMSecsSinceEpoch((epoch2018 + secondsSince2018) * 1000 + ms, Qt::UTC)
            .toString(Qt::ISODateWithMs);
}

QString CustomerGenerator::merchantName(int city, int industry)
{
    QString name = QString::fromUtf8(cities[city].name);
    const int characters = 2 + pick(3);
    for (int i = 0; i < characters; ++i)
        name += QString::fromUtf8(tradeCharacters[pick(tradeCharacterCount)].hanzi);
    return name + QString::fromUtf8(industries[industry].nameWord) + QString::fromUtf8("有限公司");
}

QString CustomerGenerator::englishName(int city, int industry)
{
    QString trade;
    const int syllables = 2 + pick(2);
    for (int i = 0; i < syllables; ++i)
        trade += latin1(tradeCharacters[pick(tradeCharacterCount)].pinyin);
    trade[0] = trade[0].toUpper();
    return latin1(cities[city].latin) + ' ' + trade + ' ' + latin1(industries[industry].english)
            + " Co., Ltd.";
}

QString CustomerGenerator::personName()
{
    return QString::fromUtf8(surnames[pick(static_cast<int>(std::size(surnames)))])
            + QString::fromUtf8(givenNames[pick(static_cast<int>(std::size(givenNames)))]);
}

QString CustomerGenerator::address(int city)
{
    QString text = QString::fromUtf8(cities[city].name) + QString::fromUtf8("市")
            + QString::fromUtf8(districts[pick(static_cast<int>(std::size(districts)))])
            + QString::fromUtf8(roads[pick(static_cast<int>(std::size(roads)))])
            + QString::fromUtf8(roadKinds[pick(static_cast<int>(std::size(roadKinds)))])
            + QString::number(1 + pick(999)) + QString::fromUtf8("号");
    if (chance(0.4))
        text += QChar(u'A' + pick(4)) + QString::fromUtf8("座") + QString::number(1 + pick(30))
                + QString("%1").arg(1 + pick(20), 2, 10, QLatin1Char('0'))
                + QString::fromUtf8("室");
    return text;
}

QString CustomerGenerator::customerInsertSql()
{
    return "INSERT INTO customers (id, kind, legal_name, credit_code, id_number, phone, "
           "address, city, industry, mcc, branch_id, owner_id, status, risk_level, kyc_status, "
           "tags, notes, version, deleted, created_at, updated_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
}

QVariantList CustomerGenerator::nextCustomer()
{
    const qint64 index = m_next++;
    const int city = pickWeighted(cityWeights.data(), cityCount);
    const int kind = pickWeighted(kindWeights, static_cast<int>(std::size(kindWeights)));
    const int industry = pick(industryCount);
    const bool person = kind == 2;

    QString legalName;
    if (person)
        legalName = personName();
    else if (chance(0.15))
        legalName = englishName(city, industry);
    else
        legalName = merchantName(city, industry);

    const QVariant nullText(QMetaType::fromType<QString>());
    // 统一社会信用代码: 91 + region + organisation code; shaped right, checksum not computed.
    const QVariant creditCode = person ? nullText : QVariant("91" + digits(6) + digits(9) + "X");
    const QVariant idNumber = person ? QVariant(digits(6) + "19" + digits(10)) : nullText;
    const QVariant phone =
            chance(0.8) ? QVariant("1" + QString::number(3 + pick(7)) + digits(9)) : nullText;

    QStringList tags;
    const int tagCount = pick(4);
    for (int i = 0; i < tagCount; ++i) {
        const QString tag = latin1(tagWords[pick(static_cast<int>(std::size(tagWords)))]);
        if (!tags.contains(tag))
            tags << tag;
    }
    // Empty, never null: QSQLITE binds a null QString as SQL NULL, and both columns are
    // NOT NULL.
    const QString note = chance(0.45)
            ? QString::fromUtf8(notes[pick(static_cast<int>(std::size(notes)))])
            : QString("");
    const int risk = pickWeighted(riskWeights, static_cast<int>(std::size(riskWeights)));
    const QVariant riskLevel = chance(0.01) ? nullText : QVariant(latin1(riskLevels[risk]));
    // Each city has three branches: indexes city, city + 30 and city + 60.
    const int branchIndex = city + cityCount * pick(3);
    const qint64 created = static_cast<qint64>(m_random() % sixAndAHalfYears);
    const qint64 updated = created + static_cast<qint64>(m_random() % 20000000);

    return {
        customerId(index),
        latin1(kinds[kind]),
        legalName,
        creditCode,
        idNumber,
        phone,
        address(city),
        QString::fromUtf8(cities[city].name),
        person ? QString::fromUtf8("个人") : QString::fromUtf8(industries[industry].sector),
        person ? nullText : QVariant(latin1(industries[industry].mcc)),
        branchId(branchIndex),
        userId(pick(userCount)),
        latin1(statuses[pickWeighted(statusWeights, static_cast<int>(std::size(statusWeights)))]),
        riskLevel,
        latin1(kycStatuses[pickWeighted(kycWeights, static_cast<int>(std::size(kycWeights)))]),
        tags.isEmpty() ? QString("") : tags.join(','),
        note,
        pick(50),
        chance(0.02) ? 1 : 0, // soft-deleted tombstones, which every list query skips
        timestamp(created, pick(1000)),
        timestamp(updated, pick(1000)),
    };
}

QString CustomerGenerator::branchInsertSql()
{
    return "INSERT INTO branches (id, parent_id, name, level, city, version, deleted, "
           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
}

QVariantList CustomerGenerator::branch(int index) const
{
    const int city = index % cityCount;
    const bool region = index < cityCount;
    const QString cityName = QString::fromUtf8(cities[city].name);
    const QString name = region ? cityName + QString::fromUtf8("分行")
                                : cityName + QString::fromUtf8("第%1支行").arg(index / cityCount);
    const QString stamp = timestamp(index * 1000, 0);
    return { branchId(index),
             region ? QVariant(QMetaType::fromType<QString>()) : QVariant(branchId(city)),
             name,
             region ? "region" : "branch",
             cityName,
             1,
             0,
             stamp,
             stamp };
}

QString CustomerGenerator::userInsertSql()
{
    return "INSERT INTO users (id, display_name, branch_id, role, active, version, deleted, "
           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
}

QVariantList CustomerGenerator::user(int index) const
{
    // A fixed-size name from the index alone: users are made out of order.
    const QString name = QString::fromUtf8(surnames[index % 20])
            + QString::fromUtf8(givenNames[(index / 20) % 25]);
    const QString stamp = timestamp(index * 600, 0);
    return { userId(index),
             name,
             branchId(index % branchCount),
             latin1(roles[index % 10 == 0 ? 1 : (index % 25 == 0 ? 2 : 0)]),
             1,
             1,
             0,
             stamp,
             stamp };
}

} // namespace branchline
