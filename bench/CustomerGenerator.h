// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QVariantList>

#include <random>

namespace branchline {

// Deterministic test data for the storage benchmark: the same seed gives the same
// customers, branches and users, byte for byte, in every process and on every machine.
//
// Customers look like a Chinese acquirer's book: mostly merchants named
// city + 2-4 trade-name characters + industry + 有限公司 (北京鑫源科技有限公司), some
// corporate borrowers and individuals, and about one in seven with an English legal name
// (Shenzhen Huaxin Technology Co., Ltd.) so Latin prefix searches find something.
// Cities follow a skewed distribution, as real portfolios do.
class CustomerGenerator
{
public:
    explicit CustomerGenerator(quint64 seed = defaultSeed);

    static constexpr quint64 defaultSeed = 0x4272616e63686c6eULL; // "Branchln"
    static constexpr int branchCount = 90;
    static constexpr int userCount = 600;

    // Global ids are a pure function of (seed, index), so point lookups can pick random
    // customers without keeping a million ids in memory.
    QString customerId(qint64 index) const;
    QString branchId(int index) const;
    QString userId(int index) const;

    // The statements and, per row, the values in placeholder order. Customers must be
    // asked for in order 0, 1, 2, ...: their content comes from one random stream.
    static QString customerInsertSql();
    static QString branchInsertSql();
    static QString userInsertSql();
    QVariantList nextCustomer();
    QVariantList branch(int index) const;
    QVariantList user(int index) const;

private:
    QString uuid(quint64 domain, quint64 index) const;
    int pick(int size);
    int pickWeighted(const int *weights, int size);
    bool chance(double probability);
    QString digits(int count);
    QString timestamp(qint64 secondsSince2018, int ms) const;
    QString merchantName(int city, int industry);
    QString englishName(int city, int industry);
    QString personName();
    QString address(int city);

    quint64 m_seed;
    std::mt19937_64 m_random;
    qint64 m_next = 0;
};

} // namespace branchline
