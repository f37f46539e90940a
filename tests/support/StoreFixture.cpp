// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreFixture.h"

#include "TestFiles.h"
#include "domain/rules/CreditCode.h"
#include "domain/rules/ResidentIdNumber.h"

namespace branchline::test {

StoreFixture::StoreFixture()
    : m_path(m_dir.filePath(QStringLiteral("store.db")))
    , m_store(std::make_unique<LocalStore>(m_path))
{
    if (!m_store->open(testKey(), LocalStore::KeyKind::Raw, true))
        qWarning("fixture store did not open: %s", qPrintable(m_store->lastError().detail));
}

QString validCreditCode(int serial)
{
    // 9 = registered with market regulation, 1 = enterprise, 330106 = Hangzhou Xihu.
    QString orgBody = QStringLiteral("%1").arg(serial % 100000000, 8, 10, QLatin1Char('0'));
    const QString org = orgBody + CreditCode::organisationCheckCharacter(orgBody);
    const QString first17 = QStringLiteral("91330106") + org;
    return first17 + CreditCode::checkCharacter(first17);
}

QString validIdNumber(int serial)
{
    const QString first17 =
            QStringLiteral("11010519900307%1").arg(serial % 1000, 3, 10, QLatin1Char('0'));
    return first17 + ResidentIdNumber::checkDigit(first17);
}

Customer merchant(const QString &name, const QString &city)
{
    Customer customer;
    customer.kind = CustomerKind::Merchant;
    customer.legalName = name;
    customer.city = city;
    customer.address = city + QStringLiteral("市西湖区文三路 100 号");
    return customer;
}

} // namespace branchline::test
