// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoMerchant.h"

#include "domain/records/MerchantEnums.h"
#include "domain/rules/KycRules.h"

#include <QDate>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace branchline::test {

namespace {

QString stamp(int daysAgo = 0)
{
    return QDateTime::currentDateTimeUtc().addDays(-daysAgo).toString(Qt::ISODateWithMs);
}

bool run(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (query.exec())
        return true;
    qWarning("demo merchant: %s", qPrintable(query.lastError().text()));
    return false;
}

// A version as the server's change log would have given it.
qint64 nextVersion()
{
    static qint64 version = 5000;
    return ++version;
}

bool addTerminalRow(const QSqlDatabase &db, const QString &customerId, const QString &serial,
                    const QString &model, const QString &kind, const QString &status,
                    const QDate &installed, const QDate &lastActive)
{
    return run(
            db,
            QStringLiteral("INSERT INTO terminals (id, customer_id, serial, model, kind, status, "
                           "installed_at, last_active_day, version, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            { QUuid::createUuid().toString(QUuid::WithoutBraces), customerId, serial, model, kind,
              status, installed.toString(Qt::ISODate),
              lastActive.isValid() ? QVariant(lastActive.toString(Qt::ISODate))
                                   : QVariant(QMetaType::fromType<QString>()),
              nextVersion(), stamp(), stamp() });
}

} // namespace

bool addTerminal(const QSqlDatabase &db, const QString &customerId, const QString &serial,
                 const QString &status, const QString &lastActiveDay)
{
    return addTerminalRow(db, customerId, serial, QStringLiteral("百富 S910"),
                          QStringLiteral("pos"), status, QDate(2024, 5, 6),
                          QDate::fromString(lastActiveDay, Qt::ISODate));
}

bool addMonth(const QSqlDatabase &db, const QString &customerId, const QString &month,
              qint64 volumeFen, qint64 txCount)
{
    return run(db,
               QStringLiteral("INSERT INTO merchant_volumes (id, customer_id, month, volume_fen, "
                              "tx_count, refund_fen, chargeback_count, version, created_at, "
                              "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               { KycRules::volumeId(customerId, month), customerId, month, volumeFen, txCount,
                 volumeFen / 100, txCount > 2000 ? 1 : 0, nextVersion(), stamp(), stamp() });
}

bool addChecklistItem(const QSqlDatabase &db, const QString &customerId, const QString &item,
                      const QString &state, const QString &note, const QString &updatedBy)
{
    const auto kind = MerchantEnums::parse<KycItemKind>(item);
    return kind
            && run(db,
                   QStringLiteral("INSERT INTO kyc_items (id, customer_id, item, state, note, "
                                  "updated_by, version, created_at, updated_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                   { KycRules::itemId(customerId, *kind), customerId, item, state, note, updatedBy,
                     nextVersion(), stamp(30),
                     stamp(state == QLatin1String("submitted") ? 2 : 20) });
}

DemoMerchantDetail seedMerchantDetail(const QSqlDatabase &db, const DemoBook &book)
{
    DemoMerchantDetail detail;
    // The risk officer who verified the checklists.
    addUser(db, detail.riskOfficer, QStringLiteral("风控 陈静"), QString(),
            QStringLiteral("risk_officer"));
    run(db,
        QStringLiteral("UPDATE customers SET fee_rate_debit = 3800, fee_rate_credit = 6000, "
                       "fee_rate_qr = 3000, settlement_account = ? WHERE id = ?"),
        { detail.maskedAccount, book.teaMerchant });
    run(db, QStringLiteral("UPDATE customers SET credit_limit_fen = 20000000 WHERE id = ?"),
        { book.borrower });

    const QDate today = QDate::currentDate();
    detail.teaTerminals = { QStringLiteral("NL6021458830"), QStringLiteral("QR3302117745"),
                            QStringLiteral("LD8810236519") };
    addTerminalRow(db, book.teaMerchant, detail.teaTerminals[0], QStringLiteral("新大陆 ME31"),
                   QStringLiteral("pos"), QStringLiteral("active"), QDate(2023, 3, 18),
                   today.addDays(-1));
    addTerminalRow(db, book.teaMerchant, detail.teaTerminals[1], QStringLiteral("收款码牌"),
                   QStringLiteral("qr_stand"), QStringLiteral("active"), QDate(2024, 9, 2),
                   today.addDays(-1));
    addTerminalRow(db, book.teaMerchant, detail.teaTerminals[2], QStringLiteral("联迪 A8"),
                   QStringLiteral("smart_pos"), QStringLiteral("faulty"), QDate(2023, 3, 18),
                   today.addDays(-6));

    // Twelve complete months. Spring tea (March to May) doubles the shop's takings.
    static const int perMille[12] = { 950, 1250, 1900, 2100, 1600, 900,
                                      800, 820,  950,  1100, 1000, 1150 };
    const QDate thisMonth(today.year(), today.month(), 1);
    for (int back = 12; back >= 1; --back) {
        const QDate month = thisMonth.addMonths(-back);
        const qint64 volume = qint64(18600000) * perMille[month.month() - 1] / 1000;
        addMonth(db, book.teaMerchant, month.toString(QStringLiteral("yyyy-MM")), volume,
                 volume / 42000);
    }
    for (const KycItemKind item : KycRules::requiredItems(CustomerKind::Merchant))
        addChecklistItem(db, book.teaMerchant, MerchantEnums::code(item),
                         QStringLiteral("verified"), QString(), detail.riskOfficer);

    // 王磊's first merchant being onboarded: a checklist half done.
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id FROM customers WHERE kind = 'merchant' AND "
                                 "status = 'onboarding' AND owner_id = ? ORDER BY legal_name "
                                 "LIMIT 1"));
    query.addBindValue(book.repWang);
    if (query.exec() && query.next())
        detail.onboardingMerchant = query.value(0).toString();
    query.finish();
    addChecklistItem(db, detail.onboardingMerchant, QStringLiteral("business_licence"),
                     QStringLiteral("verified"), QString(), detail.riskOfficer);
    addChecklistItem(db, detail.onboardingMerchant, QStringLiteral("legal_rep_id"),
                     QStringLiteral("submitted"), QStringLiteral("法人身份证正反面已拍照"),
                     book.repWang);
    return detail;
}

} // namespace branchline::test
