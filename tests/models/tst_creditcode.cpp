// SPDX-License-Identifier: GPL-3.0-or-later
#include "IdentifierProblemName.h"
#include "domain/rules/CreditCode.h"

#include <QSet>
#include <QTest>

using namespace branchline;
using branchline::test::problemName;

class TestCreditCode : public QObject
{
    Q_OBJECT

private slots:
    void check_data();
    void check();
    void checkCharacter_data();
    void checkCharacter();
    void organisationCheckCharacter_data();
    void organisationCheckCharacter();
    void messages();
};

void TestCreditCode::check_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<IdentifierProblem>("problem");
    QTest::addColumn<QString>("normalized");
    QTest::addColumn<QString>("detail");

    using IP = IdentifierProblem;

    // Check characters below were computed independently (a short Python script) with
    // the GB 32100 and GB 11714 weights.
    QTest::newRow("published example") << QStringLiteral("91350100M000100Y43") << IP::None
                                       << QStringLiteral("91350100M000100Y43") << QString();
    QTest::newRow("enterprise, Suzhou") << QStringLiteral("91320583MA1MXR8U9T") << IP::None
                                        << QStringLiteral("91320583MA1MXR8U9T") << QString();
    QTest::newRow("enterprise, Shanghai Pudong")
            << QStringLiteral("91310115MA1K3YJ23L") << IP::None
            << QStringLiteral("91310115MA1K3YJ23L") << QString();
    QTest::newRow("individual business (92)") << QStringLiteral("92440300L12345674D") << IP::None
                                              << QStringLiteral("92440300L12345674D") << QString();
    QTest::newRow("farmers' cooperative (93)") << QStringLiteral("93330782MA2EB6H088") << IP::None
                                               << QStringLiteral("93330782MA2EB6H088") << QString();
    QTest::newRow("private non-enterprise unit (52)")
            << QStringLiteral("52310000500000007B") << IP::None
            << QStringLiteral("52310000500000007B") << QString();
    QTest::newRow("public institution, organisation check X")
            << QStringLiteral("1210000040000000XN") << IP::None
            << QStringLiteral("1210000040000000XN") << QString();
    QTest::newRow("rural collective (N)") << QStringLiteral("N2330108MA2C3D4E3E") << IP::None
                                          << QStringLiteral("N2330108MA2C3D4E3E") << QString();
    QTest::newRow("other authority (Y)") << QStringLiteral("Y11100001234567880") << IP::None
                                         << QStringLiteral("Y11100001234567880") << QString();
    QTest::newRow("check character 0 (31 mod 31)")
            << QStringLiteral("914403001000002860") << IP::None
            << QStringLiteral("914403001000002860") << QString();
    QTest::newRow("organisation check 0 (11 mod 11)")
            << QStringLiteral("91440300100000040X") << IP::None
            << QStringLiteral("91440300100000040X") << QString();
    QTest::newRow("lowercase, spaces and dashes")
            << QStringLiteral(" 9135 0100-m000 100y 43 ") << IP::None
            << QStringLiteral("91350100M000100Y43") << QString();
    QTest::newRow("full-width, from a Chinese input method")
            << QStringLiteral("９１３５０１００Ｍ０００１００Ｙ４３") << IP::None
            << QStringLiteral("91350100M000100Y43") << QString();

    QTest::newRow("empty") << QString() << IP::Empty << QString() << QString();
    QTest::newRow("only spaces") << QStringLiteral("  \t ") << IP::Empty << QString() << QString();
    QTest::newRow("17 characters") << QStringLiteral("91350100M000100Y4") << IP::WrongLength
                                   << QStringLiteral("91350100M000100Y4") << QString();
    QTest::newRow("19 characters") << QStringLiteral("91350100M000100Y433") << IP::WrongLength
                                   << QStringLiteral("91350100M000100Y433") << QString();
    QTest::newRow("letter I") << QStringLiteral("91350100MI00100Y43") << IP::InvalidCharacter
                              << QStringLiteral("91350100MI00100Y43") << QStringLiteral("I");
    QTest::newRow("letter O") << QStringLiteral("91350100MO00100Y43") << IP::InvalidCharacter
                              << QStringLiteral("91350100MO00100Y43") << QStringLiteral("O");
    QTest::newRow("letter Z") << QStringLiteral("91350100MZ00100Y43") << IP::InvalidCharacter
                              << QStringLiteral("91350100MZ00100Y43") << QStringLiteral("Z");
    QTest::newRow("letter S") << QStringLiteral("91350100MS00100Y43") << IP::InvalidCharacter
                              << QStringLiteral("91350100MS00100Y43") << QStringLiteral("S");
    QTest::newRow("letter V") << QStringLiteral("91350100MV00100Y43") << IP::InvalidCharacter
                              << QStringLiteral("91350100MV00100Y43") << QStringLiteral("V");
    QTest::newRow("lowercase v is still V")
            << QStringLiteral("91350100Mv00100Y43") << IP::InvalidCharacter
            << QStringLiteral("91350100MV00100Y43") << QStringLiteral("V");
    QTest::newRow("punctuation") << QStringLiteral("91350100M000100Y4#") << IP::InvalidCharacter
                                 << QStringLiteral("91350100M000100Y4#") << QStringLiteral("#");
    QTest::newRow("Chinese character")
            << QStringLiteral("91350100M000100Y4号") << IP::InvalidCharacter
            << QStringLiteral("91350100M000100Y4号") << QStringLiteral("号");
    QTest::newRow("wrong last character")
            << QStringLiteral("91350100M000100Y44") << IP::BadCheckCharacter
            << QStringLiteral("91350100M000100Y44") << QStringLiteral("3");
    QTest::newRow("wrong last character, expected letter")
            << QStringLiteral("91320583MA1MXR8U9U") << IP::BadCheckCharacter
            << QStringLiteral("91320583MA1MXR8U9U") << QStringLiteral("T");
    QTest::newRow("organisation code fails, overall check passes")
            << QStringLiteral("91350100M000100Y56") << IP::BadOrganisationCode
            << QStringLiteral("91350100M000100Y56") << QStringLiteral("4");
    QTest::newRow("organisation check is a letter other than X")
            << QStringLiteral("91350100M000100YAM") << IP::BadOrganisationCode
            << QStringLiteral("91350100M000100YAM") << QStringLiteral("4");
    QTest::newRow("transposed digits inside the organisation code")
            << QStringLiteral("91350100M001000Y43") << IP::BadOrganisationCode
            << QStringLiteral("91350100M001000Y43") << QStringLiteral("X");
    QTest::newRow("letter in the region code")
            << QStringLiteral("9135010AM000100Y4K") << IP::BadRegion
            << QStringLiteral("9135010AM000100Y4K") << QStringLiteral("35010A");
    QTest::newRow("authority 0") << QStringLiteral("01350100M000100Y4C") << IP::BadPrefix
                                 << QStringLiteral("01350100M000100Y4C") << QStringLiteral("0");
    QTest::newRow("unassigned authority B")
            << QStringLiteral("B1350100M000100Y41") << IP::BadPrefix
            << QStringLiteral("B1350100M000100Y41") << QStringLiteral("B");
}

void TestCreditCode::check()
{
    QFETCH(QString, input);
    QFETCH(IdentifierProblem, problem);
    QFETCH(QString, normalized);
    QFETCH(QString, detail);

    const IdentifierCheck result = CreditCode::check(input);
    QCOMPARE(problemName(result.problem), problemName(problem));
    QCOMPARE(result.ok(), problem == IdentifierProblem::None);
    QCOMPARE(result.kind, IdentifierKind::CreditCode);
    QCOMPARE(result.normalized, normalized);
    QCOMPARE(result.detail, detail);
    QCOMPARE(result.message().isEmpty(), result.ok());
    if (!detail.isEmpty())
        QVERIFY2(result.message().contains(detail), qPrintable(result.message()));
}

void TestCreditCode::checkCharacter_data()
{
    QTest::addColumn<QString>("first17");
    QTest::addColumn<QString>("expected"); // empty: a null QChar

    QTest::newRow("standard example") << QStringLiteral("91350100M000100Y4") << QStringLiteral("3");
    QTest::newRow("letter") << QStringLiteral("91320583MA1MXR8U9") << QStringLiteral("T");
    QTest::newRow("zero") << QStringLiteral("91440300100000286") << QStringLiteral("0");
    QTest::newRow("16 characters") << QStringLiteral("91350100M000100Y") << QString();
    QTest::newRow("18 characters") << QStringLiteral("91350100M000100Y43") << QString();
    QTest::newRow("letter I") << QStringLiteral("91350100MI00100Y4") << QString();
    QTest::newRow("lowercase is not cleaned here")
            << QStringLiteral("91350100m000100y4") << QString();
}

void TestCreditCode::checkCharacter()
{
    QFETCH(QString, first17);
    QFETCH(QString, expected);
    const QChar c = CreditCode::checkCharacter(first17);
    QCOMPARE(c.isNull() ? QString() : QString(c), expected);
}

void TestCreditCode::organisationCheckCharacter_data()
{
    QTest::addColumn<QString>("first8");
    QTest::addColumn<QString>("expected");

    QTest::newRow("digit") << QStringLiteral("M000100Y") << QStringLiteral("4");
    QTest::newRow("X for 10") << QStringLiteral("40000000") << QStringLiteral("X");
    QTest::newRow("0 for 11") << QStringLiteral("10000004") << QStringLiteral("0");
    QTest::newRow("too short") << QStringLiteral("M000100") << QString();
    QTest::newRow("not alphanumeric") << QStringLiteral("M000100-") << QString();
}

void TestCreditCode::organisationCheckCharacter()
{
    QFETCH(QString, first8);
    QFETCH(QString, expected);
    const QChar c = CreditCode::organisationCheckCharacter(first8);
    QCOMPARE(c.isNull() ? QString() : QString(c), expected);
}

void TestCreditCode::messages()
{
    // One input per problem a credit code can have; each must explain itself differently.
    const QStringList inputs{
        QString(), // Empty
        QStringLiteral("91350100M000100Y4"), // WrongLength
        QStringLiteral("91350100MI00100Y43"), // InvalidCharacter
        QStringLiteral("91350100M000100Y44"), // BadCheckCharacter
        QStringLiteral("91350100M000100Y56"), // BadOrganisationCode
        QStringLiteral("9135010AM000100Y4K"), // BadRegion
        QStringLiteral("B1350100M000100Y41"), // BadPrefix
    };
    QSet<QString> seen;
    QSet<QString> problems;
    for (const QString &input : inputs) {
        const IdentifierCheck result = CreditCode::check(input);
        QVERIFY2(!result.ok(), qPrintable(input));
        const QString message = result.message();
        QVERIFY2(!message.isEmpty(), qPrintable(input));
        QVERIFY2(!seen.contains(message), qPrintable(message));
        seen.insert(message);
        problems.insert(problemName(result.problem));
    }
    QCOMPARE(problems.size(), inputs.size());

    QCOMPARE(CreditCode::check(QStringLiteral("91350100M000100Y44")).message(),
             QStringLiteral("The last character of the unified social credit code should be "
                            "3; check the code for typing errors."));
    QVERIFY(CreditCode::check(QStringLiteral("91350100M000100Y4"))
                    .message()
                    .contains(QLatin1String("17")));
    QVERIFY(CreditCode::check(QStringLiteral("91350100M000100Y43")).message().isEmpty());
}

QTEST_GUILESS_MAIN(TestCreditCode)
#include "tst_creditcode.moc"
