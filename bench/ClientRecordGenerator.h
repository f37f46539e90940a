// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QVariantList>

#include <random>

namespace branchline {

class CustomerGenerator;

// Deterministic timeline entries, contacts, tasks and leads for the client benchmark's
// stores, around the customers of a CustomerGenerator with the same seed. Each record
// points at a customer by its global id; every value is bound in the statement's
// placeholder order.
class ClientRecordGenerator
{
public:
    ClientRecordGenerator(const CustomerGenerator &customers, quint64 seed);

    static QString activityInsertSql();
    static QString contactInsertSql();
    static QString taskInsertSql();
    static QString leadInsertSql();

    // `customerIndex` is the customer's index in the CustomerGenerator.
    QVariantList activity(qint64 customerIndex);
    QVariantList contact(qint64 customerIndex, bool primary);
    QVariantList task(qint64 customerIndex, bool open);
    // A lead, converted into the customer when `converted`; `phone` may be empty.
    QVariantList lead(qint64 customerIndex, bool converted, const QString &phone);

private:
    QString nextId(quint64 domain);
    int pick(int size);
    QString timestamp(qint64 secondsSince2018) const;
    QString user();

    const CustomerGenerator &m_customers;
    std::mt19937_64 m_random;
    quint64 m_seed;
    quint64 m_next = 0;
};

} // namespace branchline
