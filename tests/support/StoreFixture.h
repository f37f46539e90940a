// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/records/Customer.h"
#include "store/LocalStore.h"

#include <QTemporaryDir>

#include <memory>

namespace branchline::test {

// A fresh, migrated, encrypted store in a temporary folder.
class StoreFixture
{
public:
    StoreFixture();
    bool isOpen() const { return m_store && m_store->isOpen(); }
    QSqlDatabase db() const { return m_store->database(); }
    LocalStore &store() { return *m_store; }
    QString path() const { return m_path; }

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<LocalStore> m_store;
};

// A valid 统一社会信用代码 / 身份证号 made from a serial number, check character included.
QString validCreditCode(int serial);
QString validIdNumber(int serial);

// Fills in a merchant that passes validation.
Customer merchant(const QString &name, const QString &city = QStringLiteral("杭州"));

} // namespace branchline::test
