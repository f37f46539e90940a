// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DemoData.h"

#include <QSqlDatabase>
#include <QStringList>

namespace branchline::test {

// The merchant detail of a DemoBook as a sync would pull it for its rep (no outbox rows):
// the tea merchant's fee rates (0.38 % debit, 0.60 % credit, 0.30 % QR), its settlement
// account masked as the server sends it, three terminals (two active, one faulty), twelve
// months of volume with the spring tea season, and a verified checklist; the borrower's
// credit limit of ¥200,000; and an onboarding merchant of 王磊's whose checklist is half done
// (licence verified, legal representative's ID submitted by him, the rest missing).
struct DemoMerchantDetail
{
    QString onboardingMerchant;
    QStringList teaTerminals; // serial numbers, in the order the panel lists them
    QString maskedAccount = QStringLiteral("6222 **** **** 3445");
    QString riskOfficer = QStringLiteral("user-risk"); // 风控 陈静
};
DemoMerchantDetail seedMerchantDetail(const QSqlDatabase &db, const DemoBook &book);

// Pulled rows for a test's own customer: a terminal, a month of volume, a checklist item.
bool addTerminal(const QSqlDatabase &db, const QString &customerId, const QString &serial,
                 const QString &status, const QString &lastActiveDay = QString());
bool addMonth(const QSqlDatabase &db, const QString &customerId, const QString &month,
              qint64 volumeFen, qint64 txCount);
bool addChecklistItem(const QSqlDatabase &db, const QString &customerId, const QString &item,
                      const QString &state, const QString &note, const QString &updatedBy);

} // namespace branchline::test
