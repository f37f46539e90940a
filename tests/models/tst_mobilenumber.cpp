// SPDX-License-Identifier: GPL-3.0-or-later
#include "IdentifierProblemName.h"
#include "domain/rules/MobileNumber.h"

#include <QSet>
#include <QTest>

using namespace branchline;
using branchline::test::problemName;

class TestMobileNumber : public QObject
{
    Q_OBJECT

private slots:
    void check_data();
    void check();
    void messages();
};

void TestMobileNumber::check_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<IdentifierProblem>("problem");
    QTest::addColumn<QString>("normalized");
    QTest::addColumn<QString>("detail");

    using IP = IdentifierProblem;
    const QString plain = QStringLiteral("13800138000");

    QTest::newRow("plain") << plain << IP::None << plain << QString();
    QTest::newRow("19x") << QStringLiteral("19912345678") << IP::None
                         << QStringLiteral("19912345678") << QString();
    QTest::newRow("14x") << QStringLiteral("14712345678") << IP::None
                         << QStringLiteral("14712345678") << QString();
    QTest::newRow("+86 and spaces")
            << QStringLiteral("+86 138 0013 8000") << IP::None << plain << QString();
    QTest::newRow("+86 and dashes")
            << QStringLiteral("+86-138-0013-8000") << IP::None << plain << QString();
    QTest::newRow("+86 no space") << QStringLiteral("+8613800138000") << IP::None << plain
                                  << QString();
    QTest::newRow("0086") << QStringLiteral("0086 13800138000") << IP::None << plain << QString();
    QTest::newRow("86 without plus")
            << QStringLiteral("8613800138000") << IP::None << plain << QString();
    QTest::newRow("3-4-4 groups") << QStringLiteral("138 0013 8000") << IP::None << plain
                                  << QString();
    QTest::newRow("full-width") << QStringLiteral("＋８６　１３８００１３８０００") << IP::None
                                << plain << QString();
    QTest::newRow("surrounding spaces")
            << QStringLiteral("  13800138000\t") << IP::None << plain << QString();

    QTest::newRow("empty") << QString() << IP::Empty << QString() << QString();
    QTest::newRow("only dashes") << QStringLiteral(" - - ") << IP::Empty << QString() << QString();
    QTest::newRow("12 digits") << QStringLiteral("138001380000") << IP::WrongLength
                               << QStringLiteral("138001380000") << QString();
    QTest::newRow("10 digits") << QStringLiteral("1380013800") << IP::WrongLength
                               << QStringLiteral("1380013800") << QString();
    QTest::newRow("+86 and 10 digits") << QStringLiteral("+86 1380013800") << IP::WrongLength
                                       << QStringLiteral("1380013800") << QString();
    QTest::newRow("86 and 10 digits is not a prefix")
            << QStringLiteral("861380013800") << IP::WrongLength << QStringLiteral("861380013800")
            << QString();
    QTest::newRow("+86 alone") << QStringLiteral("+86") << IP::WrongLength << QString()
                               << QString();
    QTest::newRow("landline, also 11 digits")
            << QStringLiteral("010-12345678") << IP::BadPrefix << QStringLiteral("01012345678")
            << QStringLiteral("01");
    QTest::newRow("starts with 2") << QStringLiteral("23800138000") << IP::BadPrefix
                                   << QStringLiteral("23800138000") << QStringLiteral("23");
    QTest::newRow("starts with 12") << QStringLiteral("12800138000") << IP::BadPrefix
                                    << QStringLiteral("12800138000") << QStringLiteral("12");
    QTest::newRow("starts with 10") << QStringLiteral("10086100860") << IP::BadPrefix
                                    << QStringLiteral("10086100860") << QStringLiteral("10");
    QTest::newRow("+86 then 2") << QStringLiteral("+86 238 0013 8000") << IP::BadPrefix
                                << QStringLiteral("23800138000") << QStringLiteral("23");
    QTest::newRow("other country code") << QStringLiteral("+1 415 555 0100") << IP::BadPrefix
                                        << QStringLiteral("+14155550100") << QStringLiteral("+");
    QTest::newRow("Hong Kong") << QStringLiteral("+852 9123 4567") << IP::BadPrefix
                               << QStringLiteral("+85291234567") << QStringLiteral("+");
    QTest::newRow("letter O for zero") << QStringLiteral("138 OO13 8000") << IP::InvalidCharacter
                                       << QStringLiteral("138OO138000") << QStringLiteral("O");
    QTest::newRow("dots") << QStringLiteral("138.0013.8000") << IP::InvalidCharacter
                          << QStringLiteral("138.0013.8000") << QStringLiteral(".");
    QTest::newRow("parentheses") << QStringLiteral("(+86)13800138000") << IP::InvalidCharacter
                                 << QStringLiteral("(+86)13800138000") << QStringLiteral("(");
    QTest::newRow("extension") << QStringLiteral("13800138000 ext 1") << IP::InvalidCharacter
                               << QStringLiteral("13800138000EXT1") << QStringLiteral("E");
}

void TestMobileNumber::check()
{
    QFETCH(QString, input);
    QFETCH(IdentifierProblem, problem);
    QFETCH(QString, normalized);
    QFETCH(QString, detail);

    const IdentifierCheck result = MobileNumber::check(input);
    QCOMPARE(problemName(result.problem), problemName(problem));
    QCOMPARE(result.ok(), problem == IdentifierProblem::None);
    QCOMPARE(result.kind, IdentifierKind::Mobile);
    QCOMPARE(result.normalized, normalized);
    QCOMPARE(result.detail, detail);
    QCOMPARE(result.message().isEmpty(), result.ok());
    if (!detail.isEmpty() && detail != QLatin1String("+"))
        QVERIFY2(result.message().contains(detail), qPrintable(result.message()));
}

void TestMobileNumber::messages()
{
    const QStringList inputs{
        QString(), // Empty
        QStringLiteral("138001380000"), // WrongLength
        QStringLiteral("138.0013.8000"), // InvalidCharacter
        QStringLiteral("23800138000"), // BadPrefix
        QStringLiteral("+1 415 555 0100"), // BadPrefix, another country
    };
    QSet<QString> seen;
    for (const QString &input : inputs) {
        const IdentifierCheck result = MobileNumber::check(input);
        QVERIFY2(!result.ok(), qPrintable(input));
        const QString message = result.message();
        QVERIFY2(!message.isEmpty(), qPrintable(input));
        QVERIFY2(!seen.contains(message), qPrintable(message));
        seen.insert(message);
    }
    QVERIFY(MobileNumber::check(QStringLiteral("138001380000"))
                    .message()
                    .contains(QLatin1String("12")));
    QVERIFY(MobileNumber::check(QStringLiteral("+1 415 555 0100"))
                    .message()
                    .contains(QLatin1String("+86")));
}

QTEST_GUILESS_MAIN(TestMobileNumber)
#include "tst_mobilenumber.moc"
