// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/rules/Masking.h"

#include <QTest>

using namespace branchline;

Q_DECLARE_METATYPE(branchline::PiiKind)

class TestMasking : public QObject
{
    Q_OBJECT

private slots:
    void mask_data();
    void mask();
    void emptyStaysEmpty();
    void residentIdHidesBirthDate();
    void accountLengthIsNotRevealed();
};

void TestMasking::mask_data()
{
    QTest::addColumn<PiiKind>("kind");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("resident id") << PiiKind::ResidentId << QStringLiteral("110105199001011234")
                                 << QStringLiteral("110105********1234");
    QTest::newRow("resident id ending X")
            << PiiKind::ResidentId << QStringLiteral("11010519491231002X")
            << QStringLiteral("110105********002X");
    QTest::newRow("resident id, old 15 digits")
            << PiiKind::ResidentId << QStringLiteral("110105491231002")
            << QStringLiteral("***************");
    QTest::newRow("resident id, short")
            << PiiKind::ResidentId << QStringLiteral("1101") << QStringLiteral("****");

    QTest::newRow("phone") << PiiKind::Phone << QStringLiteral("13812345678")
                           << QStringLiteral("138****5678");
    QTest::newRow("phone with +86") << PiiKind::Phone << QStringLiteral("+8613812345678")
                                    << QStringLiteral("+86*******5678");
    QTest::newRow("phone, 10 characters")
            << PiiKind::Phone << QStringLiteral("1381234567") << QStringLiteral("**********");
    QTest::newRow("phone, short") << PiiKind::Phone << QStringLiteral("110")
                                  << QStringLiteral("***");

    QTest::newRow("credit code") << PiiKind::CreditCode << QStringLiteral("91350100M000100Y43")
                                 << QStringLiteral("91350100******0Y43");
    QTest::newRow("credit code, short")
            << PiiKind::CreditCode << QStringLiteral("91350100M0") << QStringLiteral("**********");

    QTest::newRow("bank card 19") << PiiKind::Account << QStringLiteral("6222021234567890123")
                                  << QStringLiteral("6222 **** **** 0123");
    QTest::newRow("bank card 16, grouped")
            << PiiKind::Account << QStringLiteral("6222 0212 3456 7890")
            << QStringLiteral("6222 **** **** 7890");
    QTest::newRow("settlement account, dashes")
            << PiiKind::Account << QStringLiteral("3100-1234-5678-9012-3456")
            << QStringLiteral("3100 **** **** 3456");
    QTest::newRow("account, 12 digits") << PiiKind::Account << QStringLiteral("123456789012")
                                        << QStringLiteral("1234 **** **** 9012");
    QTest::newRow("account, 11 digits")
            << PiiKind::Account << QStringLiteral("12345678901") << QStringLiteral("***********");
    QTest::newRow("account, short")
            << PiiKind::Account << QStringLiteral("1234 5678") << QStringLiteral("********");

    QTest::newRow("email") << PiiKind::Email << QStringLiteral("zhang.san@example.com")
                           << QStringLiteral("z***@example.com");
    QTest::newRow("email, one-letter local part")
            << PiiKind::Email << QStringLiteral("z@example.cn") << QStringLiteral("***@example.cn");
    QTest::newRow("email, Chinese local part") << PiiKind::Email << QStringLiteral("张三@例子.中国")
                                               << QStringLiteral("张***@例子.中国");
    QTest::newRow("email, no @") << PiiKind::Email << QStringLiteral("zhangsan")
                                 << QStringLiteral("********");
    QTest::newRow("email, no local part")
            << PiiKind::Email << QStringLiteral("@example.com") << QStringLiteral("************");
    QTest::newRow("email, no domain")
            << PiiKind::Email << QStringLiteral("zhangsan@") << QStringLiteral("*********");

    QTest::newRow("name, two characters")
            << PiiKind::Name << QStringLiteral("张三") << QStringLiteral("张*");
    QTest::newRow("name, three characters")
            << PiiKind::Name << QStringLiteral("王小明") << QStringLiteral("王**");
    QTest::newRow("name, compound surname")
            << PiiKind::Name << QStringLiteral("欧阳娜娜") << QStringLiteral("欧***");
    QTest::newRow("name, one character")
            << PiiKind::Name << QStringLiteral("张") << QStringLiteral("*");
    // U+20BB7 (𠮷, as in 𠮷野家) lies outside the BMP: two UTF-16 units, one character.
    QTest::newRow("name, character outside the BMP at the end")
            << PiiKind::Name << QStringLiteral("王𠮷") << QStringLiteral("王*");
    QTest::newRow("name, character outside the BMP first")
            << PiiKind::Name << QStringLiteral("𠮷明") << QStringLiteral("𠮷*");
    QTest::newRow("name, only a character outside the BMP")
            << PiiKind::Name << QStringLiteral("𠮷") << QStringLiteral("*");
    QTest::newRow("name, Latin") << PiiKind::Name << QStringLiteral("John Smith")
                                 << QStringLiteral("J*********");
    QTest::newRow("name, Uyghur with middle dot")
            << PiiKind::Name << QStringLiteral("买买提·艾力") << QStringLiteral("买*****");
}

void TestMasking::mask()
{
    QFETCH(PiiKind, kind);
    QFETCH(QString, value);
    QFETCH(QString, expected);

    const QString masked = Masking::mask(kind, value);
    QCOMPARE(masked, expected);
    QVERIFY2(!masked.contains(value), qPrintable(masked));
    QVERIFY(masked.contains(QLatin1Char('*')));
}

void TestMasking::emptyStaysEmpty()
{
    for (const PiiKind kind : { PiiKind::ResidentId, PiiKind::CreditCode, PiiKind::Phone,
                                PiiKind::Account, PiiKind::Email, PiiKind::Name }) {
        QCOMPARE(Masking::mask(kind, QString()), QString());
        QCOMPARE(Masking::mask(kind, QStringLiteral("")), QString());
    }
}

void TestMasking::residentIdHidesBirthDate()
{
    // Birth date and sequence number are what make an ID number personal; the kept
    // ends are the region and the last four, as on printed receipts.
    const QString masked = Masking::mask(PiiKind::ResidentId, QStringLiteral("110105199001011234"));
    QVERIFY(!masked.contains(QLatin1String("1990")));
    QVERIFY(!masked.contains(QLatin1String("0101")));
    QCOMPARE(masked.size(), 18);
}

void TestMasking::accountLengthIsNotRevealed()
{
    const QString sixteen = Masking::mask(PiiKind::Account, QStringLiteral("6222021234567890"));
    const QString nineteen = Masking::mask(PiiKind::Account, QStringLiteral("6222021234567897890"));
    QCOMPARE(sixteen.size(), nineteen.size());
    QCOMPARE(sixteen, QStringLiteral("6222 **** **** 7890"));
    QCOMPARE(nineteen, QStringLiteral("6222 **** **** 7890"));
}

QTEST_GUILESS_MAIN(TestMasking)
#include "tst_masking.moc"
