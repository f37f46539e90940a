// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoMerchantSeeder.h"

#include "core/SqlValues.h"
#include "records/CustomerJson.h"
#include "domain/records/MerchantEnums.h"
#include "records/PiiTable.h"
#include "domain/records/RecordEnums.h"
#include "domain/rules/KycRules.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <random>

namespace branchline::server {

namespace {

struct Seeded
{
    QString id;
    CustomerKind kind;
    QString status;
    QString kycStatus;
    QString riskLevel;
    QString mcc;
    QString ownerId;
};

// Average ticket in fen and a month's volume range in yuan, by MCC: a restaurant takes
// many small payments, an electronics shop fewer large ones.
struct Trade
{
    const char *mcc;
    qint64 ticketFen;
    qint64 minYuan;
    qint64 maxYuan;
};
constexpr Trade trades[] = {
    { "5812", 8000, 150000, 600000 },   { "5411", 3500, 200000, 800000 },
    { "5651", 30000, 100000, 400000 },  { "5732", 150000, 300000, 1500000 },
    { "5499", 40000, 80000, 300000 },   { "7011", 50000, 300000, 1000000 },
    { "8299", 300000, 100000, 500000 }, { "7538", 80000, 100000, 400000 },
    { "5912", 6000, 150000, 500000 },   { "4215", 12000, 200000, 700000 },
};

// Month by month (January first), per mille of an average month: Spring Festival
// shopping in January and February, 618 in June, Golden Week in October, Double 11 in
// November and the year's end; a quiet spring and summer.
constexpr int seasons[12] = { 1150, 1250, 850, 900, 1000, 1050, 950, 950, 1000, 1150, 1100, 1200 };

struct TerminalModel
{
    const char *name;
    const char *serialPrefix;
    TerminalKind kind;
};
constexpr TerminalModel models[] = {
    { "新大陆 ME31", "NL", TerminalKind::Pos },  { "百富 S910", "PX", TerminalKind::Pos },
    { "联迪 A8", "LD", TerminalKind::SmartPos }, { "商米 P2", "SM", TerminalKind::SmartPos },
    { "收款码牌", "QR", TerminalKind::QrStand }, { "云闪付手机 POS", "SP", TerminalKind::SoftPos },
};

const char *const submittedNotes[] = { "原件已拍照上传，待风控核验", "客户经理上门收取复印件",
                                       "已补充盖章版本" };

// A 19-digit bank card number with a valid Luhn check digit.
QString bankCard(std::mt19937_64 &random)
{
    static const char *const prefixes[] = { "622202", "621700", "622848", "622588" };
    QString digits = QString::fromLatin1(prefixes[random() % std::size(prefixes)]);
    while (digits.size() < 18)
        digits += QChar(u'0' + char16_t(random() % 10));
    int sum = 0;
    for (int i = 0; i < digits.size(); ++i) {
        int digit = digits.at(digits.size() - 1 - i).digitValue();
        if (i % 2 == 0) {
            digit *= 2;
            if (digit > 9)
                digit -= 9;
        }
        sum += digit;
    }
    return digits + QChar(u'0' + char16_t((10 - sum % 10) % 10));
}

qint64 between(std::mt19937_64 &random, qint64 low, qint64 high)
{
    return low + qint64(random() % quint64(high - low + 1));
}

class Writer
{
public:
    Writer(QSqlDatabase &db, std::mt19937_64 &random, QString riskUser)
        : m_random(random)
        , m_riskUser(std::move(riskUser))
        , m_customer(db)
        , m_terminal(db)
        , m_volume(db)
        , m_kyc(db)
    {
        m_customer.prepare(QStringLiteral(
                "UPDATE customers SET fee_rate_debit = ?, fee_rate_credit = ?, fee_rate_qr = ?, "
                "credit_limit_fen = ?, settlement_account = ?, settlement_account_bidx = ? "
                "WHERE id = ?"));
        m_terminal.prepare(QStringLiteral(
                "INSERT INTO terminals (id, customer_id, serial, model, kind, status, "
                "installed_at, last_active_day, version, deleted, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?)"));
        m_volume.prepare(QStringLiteral(
                "INSERT INTO merchant_volumes (id, customer_id, month, volume_fen, tx_count, "
                "refund_fen, chargeback_count, version, deleted, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?)"));
        m_kyc.prepare(QStringLiteral(
                "INSERT INTO kyc_items (id, customer_id, item, state, note, updated_by, "
                "version, deleted, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, 0, ?, ?)"));
    }

    bool write(const Seeded &customer, QString *error)
    {
        return terms(customer, error) && terminals(customer, error) && volumes(customer, error)
                && checklist(customer, error);
    }

private:
    bool run(QSqlQuery &query, QString *error)
    {
        if (query.exec())
            return true;
        *error = query.lastError().text();
        return false;
    }

    static QVariant none() { return QVariant(QMetaType::fromType<qint64>()); }

    QString stampDaysAgo(qint64 days) const
    {
        return m_now.addDays(-days).toString(Qt::ISODateWithMs);
    }

    bool terms(const Seeded &c, QString *error)
    {
        const bool merchant = c.kind == CustomerKind::Merchant;
        const bool borrowing = !merchant && c.status != QLatin1String("prospect")
                && c.status != QLatin1String("terminated");
        // Most merchants pay the standard rates; some negotiated a discount, small shops
        // pay less for QR payments.
        m_customer.addBindValue(merchant ? QVariant(m_random() % 5 == 0 ? qint64(3500) : 3800)
                                         : none());
        m_customer.addBindValue(merchant ? QVariant(m_random() % 4 == 0 ? qint64(5500) : 6000)
                                         : none());
        m_customer.addBindValue(merchant ? QVariant(m_random() % 3 == 0 ? qint64(3000) : 3800)
                                         : none());
        qint64 limitYuan = 0;
        if (borrowing)
            limitYuan = c.kind == CustomerKind::Individual ? between(m_random, 10, 60) * 5000
                                                           : between(m_random, 5, 50) * 100000;
        m_customer.addBindValue(borrowing ? QVariant(limitYuan * 100) : none());
        // Sealed and indexed as the server stores it (PiiTable).
        QVariant account;
        QVariant accountIndex;
        if (!PiiTable::of<CustomerJson>().protect(QStringLiteral("settlement_account"), c.id,
                                                  merchant ? bankCard(m_random) : QString(),
                                                  &account, &accountIndex, error))
            return false;
        m_customer.addBindValue(account);
        m_customer.addBindValue(accountIndex);
        m_customer.addBindValue(c.id);
        return run(m_customer, error);
    }

    bool terminals(const Seeded &c, QString *error)
    {
        if (c.kind != CustomerKind::Merchant || c.status == QLatin1String("prospect"))
            return true;
        const bool live = c.status == QLatin1String("active");
        const int count = live ? int(between(m_random, 1, 4)) : int(between(m_random, 1, 2));
        for (int i = 0; i < count; ++i) {
            const TerminalModel &model = models[m_random() % std::size(models)];
            TerminalStatus status = TerminalStatus::Inactive;
            qint64 idleDays = between(m_random, 20, 90);
            if (c.status == QLatin1String("terminated")) {
                status = TerminalStatus::Retrieved;
                idleDays = between(m_random, 120, 300);
            } else if (live) {
                const quint64 roll = m_random() % 20;
                status = roll < 17  ? TerminalStatus::Active
                        : roll < 19 ? TerminalStatus::Inactive
                                    : TerminalStatus::Faulty;
                idleDays = status == TerminalStatus::Active ? between(m_random, 1, 3)
                        : status == TerminalStatus::Faulty  ? between(m_random, 3, 15)
                                                            : idleDays;
            }
            const QDate installed = m_today.addDays(-between(m_random, 400, 1100));
            const bool everUsed = c.status != QLatin1String("onboarding");
            m_terminal.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
            m_terminal.addBindValue(c.id);
            m_terminal.addBindValue(QString(QString::fromLatin1(model.serialPrefix)
                                            + QStringLiteral("%1").arg(m_random() % 10000000000ULL,
                                                                       10, 10, QLatin1Char('0'))));
            m_terminal.addBindValue(QString::fromUtf8(model.name));
            m_terminal.addBindValue(MerchantEnums::code(model.kind));
            m_terminal.addBindValue(MerchantEnums::code(status));
            m_terminal.addBindValue(installed.toString(Qt::ISODate));
            m_terminal.addBindValue(
                    everUsed ? QVariant(m_today.addDays(-idleDays).toString(Qt::ISODate))
                             : QVariant(QMetaType::fromType<QString>()));
            m_terminal.addBindValue(stampDaysAgo(idleDays));
            m_terminal.addBindValue(stampDaysAgo(idleDays));
            if (!run(m_terminal, error))
                return false;
        }
        return true;
    }

    bool volumes(const Seeded &c, QString *error)
    {
        const bool active = c.status == QLatin1String("active");
        const bool suspended = c.status == QLatin1String("suspended");
        const bool terminated = c.status == QLatin1String("terminated");
        if (c.kind != CustomerKind::Merchant || !(active || suspended || terminated))
            return true;
        const Trade *trade = &trades[0];
        for (const Trade &candidate : trades)
            if (c.mcc == QLatin1String(candidate.mcc))
                trade = &candidate;
        const qint64 baseFen = between(m_random, trade->minYuan, trade->maxYuan) * 100;
        const bool high = c.riskLevel == QLatin1String("high");
        const QDate thisMonth(m_today.year(), m_today.month(), 1);
        for (int back = 12; back >= 1; --back) {
            const QDate month = thisMonth.addMonths(-back);
            if (terminated && back <= 4)
                break; // no payments since the terminals were taken back
            // Per mille: the season, a steady growth of 1.5 % a month, and ±8 % of noise.
            qint64 factor = seasons[month.month() - 1] * (1000 - 15 * (back - 1)) / 1000;
            factor = factor * between(m_random, 920, 1080) / 1000;
            if (suspended && back <= 2)
                factor = factor / 50; // a trickle while suspended
            const qint64 volume = baseFen * factor / 1000;
            const qint64 ticket = trade->ticketFen * between(m_random, 85, 115) / 100;
            const qint64 refundPerMille =
                    high ? between(m_random, 30, 60) : between(m_random, 5, 20);
            const qint64 chargebacks = high ? between(m_random, 1, 6) : between(m_random, 0, 1);
            const QString monthText = month.toString(QStringLiteral("yyyy-MM"));
            m_volume.addBindValue(KycRules::volumeId(c.id, monthText));
            m_volume.addBindValue(c.id);
            m_volume.addBindValue(monthText);
            m_volume.addBindValue(volume);
            m_volume.addBindValue(std::max<qint64>(volume / ticket, volume > 0 ? 1 : 0));
            m_volume.addBindValue(volume * refundPerMille / 1000);
            m_volume.addBindValue(volume > 0 ? chargebacks : 0);
            const QString stamp =
                    QDateTime(month.addMonths(1), QTime(2, 0), Qt::UTC).toString(Qt::ISODateWithMs);
            m_volume.addBindValue(stamp);
            m_volume.addBindValue(stamp);
            if (!run(m_volume, error))
                return false;
        }
        return true;
    }

    bool checklist(const Seeded &c, QString *error)
    {
        const QList<KycItemKind> items = KycRules::requiredItems(c.kind);
        // The one item a reviewer turned down, for the "expired" and "rejected" statuses.
        const KycItemKind turnedDown = c.kycStatus == QLatin1String("expired")
                ? items.first()
                : (items.contains(KycItemKind::BeneficialOwner) ? KycItemKind::BeneficialOwner
                                                                : items.first());
        for (const KycItemKind item : items) {
            KycItemState state = KycItemState::Verified;
            QString note;
            if (c.kycStatus == QLatin1String("not_started")) {
                continue; // nothing handed in: every item is missing, so no rows
            } else if (c.kycStatus == QLatin1String("in_progress")) {
                const quint64 roll = m_random() % 20;
                if (item == KycItemKind::SanctionsScreening || roll < 8) {
                    state = KycItemState::Verified;
                } else if (roll < 15) {
                    state = KycItemState::Submitted;
                    note = QString::fromUtf8(
                            submittedNotes[m_random() % std::size(submittedNotes)]);
                } else {
                    continue; // still missing
                }
            } else if ((c.kycStatus == QLatin1String("expired")
                        || c.kycStatus == QLatin1String("rejected"))
                       && item == turnedDown) {
                state = KycItemState::Rejected;
                note = c.kycStatus == QLatin1String("expired")
                        ? QStringLiteral("证件已过有效期，请客户提供更新后的证件")
                        : QStringLiteral("受益所有人信息与工商登记不一致，请核实后重新提交");
            }
            const qint64 daysAgo = state == KycItemState::Submitted ? between(m_random, 1, 10)
                                                                    : between(m_random, 20, 400);
            m_kyc.addBindValue(KycRules::itemId(c.id, item));
            m_kyc.addBindValue(c.id);
            m_kyc.addBindValue(MerchantEnums::code(item));
            m_kyc.addBindValue(MerchantEnums::code(state));
            m_kyc.addBindValue(textValue(note));
            m_kyc.addBindValue(state == KycItemState::Submitted ? c.ownerId : m_riskUser);
            m_kyc.addBindValue(stampDaysAgo(daysAgo + 3));
            m_kyc.addBindValue(stampDaysAgo(daysAgo));
            if (!run(m_kyc, error))
                return false;
        }
        return true;
    }

    std::mt19937_64 &m_random;
    QString m_riskUser;
    QSqlQuery m_customer;
    QSqlQuery m_terminal;
    QSqlQuery m_volume;
    QSqlQuery m_kyc;
    QDateTime m_now = QDateTime::currentDateTimeUtc();
    QDate m_today = QDate::currentDate();
};

} // namespace

DemoMerchantSeeder::DemoMerchantSeeder(const Database &database)
    : m_database(database)
{
}

bool DemoMerchantSeeder::seed(quint64 seed, QString *error)
{
    std::mt19937_64 random(seed);
    QList<Seeded> customers;
    QString riskUser;
    {
        QSqlDatabase db = m_database.connection(error);
        if (!db.isOpen())
            return false;
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("SELECT id FROM users WHERE role = 'risk_officer' "
                                       "ORDER BY login LIMIT 1"))) {
            *error = query.lastError().text();
            return false;
        }
        if (query.next())
            riskUser = query.value(0).toString();
        if (!query.exec(QStringLiteral("SELECT id, kind, status, kyc_status, risk_level, mcc, "
                                       "owner_id FROM customers ORDER BY id"))) {
            *error = query.lastError().text();
            return false;
        }
        while (query.next())
            customers << Seeded{ query.value(0).toString(),
                                 RecordEnums::parse<CustomerKind>(query.value(1).toString())
                                         .value_or(CustomerKind::Merchant),
                                 query.value(2).toString(),
                                 query.value(3).toString(),
                                 query.value(4).toString(),
                                 query.value(5).toString(),
                                 query.value(6).toString() };
    }
    // In transactions of 1,000 customers, as DemoSeeder writes them.
    for (qsizetype start = 0; start < customers.size(); start += 1000) {
        const bool ok = m_database.inTransaction(
                [&](QSqlDatabase &db, QString *txError) {
                    Writer writer(db, random, riskUser);
                    const qsizetype end = std::min<qsizetype>(start + 1000, customers.size());
                    for (qsizetype i = start; i < end; ++i)
                        if (!writer.write(customers.at(i), txError))
                            return false;
                    return true;
                },
                error);
        if (!ok)
            return false;
    }
    return true;
}

} // namespace branchline::server
