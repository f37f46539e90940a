// SPDX-License-Identifier: GPL-3.0-or-later
#include "IdentifierProblemName.h"
#include "domain/rules/ResidentIdNumber.h"

#include <QSet>
#include <QTest>

using namespace branchline;
using branchline::test::problemName;

namespace {

// A fixed "today", so the future-date rows do not depend on the clock.
const QDate kToday(2024, 6, 15);

} // namespace

class TestResidentIdNumber : public QObject
{
    Q_OBJECT

private slots:
    void check_data();
    void check();
    void checkDigit_data();
    void checkDigit();
    void birthDate_data();
    void birthDate();
    void defaultTodayIsTheClock();
    void messages();
};

void TestResidentIdNumber::check_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<IdentifierProblem>("problem");
    QTest::addColumn<QString>("normalized");
    QTest::addColumn<QString>("detail");

    using IP = IdentifierProblem;

    // Check digits below were computed independently (a short Python script) with the
    // GB 11643 weights.
    QTest::newRow("standard example (GB 11643), check X")
            << QStringLiteral("11010519491231002X") << IP::None
            << QStringLiteral("11010519491231002X") << QString();
    QTest::newRow("Beijing Chaoyang") << QStringLiteral("110105199001011232") << IP::None
                                      << QStringLiteral("110105199001011232") << QString();
    QTest::newRow("Shenzhen Futian") << QStringLiteral("440305198512310042") << IP::None
                                     << QStringLiteral("440305198512310042") << QString();
    QTest::newRow("Chengdu") << QStringLiteral("510107197903154011") << IP::None
                             << QStringLiteral("510107197903154011") << QString();
    QTest::newRow("Hong Kong residence permit (81)")
            << QStringLiteral("81000019880808003X") << IP::None
            << QStringLiteral("81000019880808003X") << QString();
    QTest::newRow("Taiwan residence permit (83)")
            << QStringLiteral("830000199001010020") << IP::None
            << QStringLiteral("830000199001010020") << QString();
    QTest::newRow("29 February of a leap year")
            << QStringLiteral("320583200002290056") << IP::None
            << QStringLiteral("320583200002290056") << QString();
    QTest::newRow("born 1900-01-01, the earliest accepted")
            << QStringLiteral("31011519000101001X") << IP::None
            << QStringLiteral("31011519000101001X") << QString();
    QTest::newRow("born today") << QStringLiteral("650102202406150012") << IP::None
                                << QStringLiteral("650102202406150012") << QString();
    QTest::newRow("lowercase x normalised") << QStringLiteral("11010519491231002x") << IP::None
                                            << QStringLiteral("11010519491231002X") << QString();
    QTest::newRow("spaces and dashes") << QStringLiteral("110105 19491231-002X ") << IP::None
                                       << QStringLiteral("11010519491231002X") << QString();
    QTest::newRow("full-width") << QStringLiteral("１１０１０５１９４９１２３１００２ｘ")
                                << IP::None << QStringLiteral("11010519491231002X") << QString();

    QTest::newRow("empty") << QString() << IP::Empty << QString() << QString();
    QTest::newRow("only spaces") << QStringLiteral("   ") << IP::Empty << QString() << QString();
    QTest::newRow("old 15-digit number") << QStringLiteral("110105491231002") << IP::WrongLength
                                         << QStringLiteral("110105491231002") << QString();
    QTest::newRow("17 digits") << QStringLiteral("11010519491231002") << IP::WrongLength
                               << QStringLiteral("11010519491231002") << QString();
    QTest::newRow("19 characters") << QStringLiteral("11010519491231002X1") << IP::WrongLength
                                   << QStringLiteral("11010519491231002X1") << QString();
    QTest::newRow("short, ends in X") << QStringLiteral("1101051949X") << IP::WrongLength
                                      << QStringLiteral("1101051949X") << QString();
    QTest::newRow("letter") << QStringLiteral("1101051949123100A2") << IP::InvalidCharacter
                            << QStringLiteral("1101051949123100A2") << QStringLiteral("A");
    QTest::newRow("X not last") << QStringLiteral("1101051949123100X2") << IP::InvalidCharacter
                                << QStringLiteral("1101051949123100X2") << QStringLiteral("X");
    QTest::newRow("Chinese character")
            << QStringLiteral("11010519491231002号") << IP::InvalidCharacter
            << QStringLiteral("11010519491231002号") << QStringLiteral("号");
    // The rows below carry a correct check digit, so only the named fault is present.
    QTest::newRow("province 00") << QStringLiteral("000105199001011237") << IP::BadRegion
                                 << QStringLiteral("000105199001011237") << QStringLiteral("00");
    QTest::newRow("province 19") << QStringLiteral("190105199001011237") << IP::BadRegion
                                 << QStringLiteral("190105199001011237") << QStringLiteral("19");
    QTest::newRow("province 72") << QStringLiteral("720105199001011236") << IP::BadRegion
                                 << QStringLiteral("720105199001011236") << QStringLiteral("72");
    QTest::newRow("province 90") << QStringLiteral("90010519900101123X") << IP::BadRegion
                                 << QStringLiteral("90010519900101123X") << QStringLiteral("90");
    QTest::newRow("30 February") << QStringLiteral("110105199002301231") << IP::BadBirthDate
                                 << QStringLiteral("110105199002301231")
                                 << QStringLiteral("19900230");
    QTest::newRow("month 13") << QStringLiteral("11010519901301123X") << IP::BadBirthDate
                              << QStringLiteral("11010519901301123X") << QStringLiteral("19901301");
    QTest::newRow("29 February 1900, not a leap year")
            << QStringLiteral("110105190002291239") << IP::BadBirthDate
            << QStringLiteral("110105190002291239") << QStringLiteral("19000229");
    QTest::newRow("born 1899") << QStringLiteral("110105189912311237") << IP::BadBirthDate
                               << QStringLiteral("110105189912311237")
                               << QStringLiteral("18991231");
    QTest::newRow("second standard example, born 1880")
            << QStringLiteral("440524188001010014") << IP::BadBirthDate
            << QStringLiteral("440524188001010014") << QStringLiteral("18800101");
    QTest::newRow("born tomorrow")
            << QStringLiteral("650102202406160018") << IP::BadBirthDate
            << QStringLiteral("650102202406160018") << QStringLiteral("20240616");
    QTest::newRow("wrong check digit, expected X")
            << QStringLiteral("110105194912310021") << IP::BadCheckCharacter
            << QStringLiteral("110105194912310021") << QStringLiteral("X");
    QTest::newRow("X where a digit is expected")
            << QStringLiteral("11010519900101123X") << IP::BadCheckCharacter
            << QStringLiteral("11010519900101123X") << QStringLiteral("2");
    QTest::newRow("transposed digits")
            << QStringLiteral("110105199001012132") << IP::BadCheckCharacter
            << QStringLiteral("110105199001012132") << QStringLiteral("9");
}

void TestResidentIdNumber::check()
{
    QFETCH(QString, input);
    QFETCH(IdentifierProblem, problem);
    QFETCH(QString, normalized);
    QFETCH(QString, detail);

    const IdentifierCheck result = ResidentIdNumber::check(input, kToday);
    QCOMPARE(problemName(result.problem), problemName(problem));
    QCOMPARE(result.ok(), problem == IdentifierProblem::None);
    QCOMPARE(result.kind, IdentifierKind::ResidentId);
    QCOMPARE(result.normalized, normalized);
    QCOMPARE(result.detail, detail);
    QCOMPARE(result.message().isEmpty(), result.ok());
    if (!detail.isEmpty())
        QVERIFY2(result.message().contains(detail), qPrintable(result.message()));
}

void TestResidentIdNumber::checkDigit_data()
{
    QTest::addColumn<QString>("first17");
    QTest::addColumn<QString>("expected"); // empty: a null QChar

    QTest::newRow("X") << QStringLiteral("11010519491231002") << QStringLiteral("X");
    QTest::newRow("2") << QStringLiteral("11010519900101123") << QStringLiteral("2");
    QTest::newRow("0") << QStringLiteral("83000019900101002") << QStringLiteral("0");
    QTest::newRow("4") << QStringLiteral("44052418800101001") << QStringLiteral("4");
    QTest::newRow("16 digits") << QStringLiteral("1101051949123100") << QString();
    QTest::newRow("18 digits") << QStringLiteral("110105194912310021") << QString();
    QTest::newRow("letter") << QStringLiteral("1101051949123100A") << QString();
}

void TestResidentIdNumber::checkDigit()
{
    QFETCH(QString, first17);
    QFETCH(QString, expected);
    const QChar c = ResidentIdNumber::checkDigit(first17);
    QCOMPARE(c.isNull() ? QString() : QString(c), expected);
}

void TestResidentIdNumber::birthDate_data()
{
    QTest::addColumn<QString>("number");
    QTest::addColumn<QDate>("expected");

    QTest::newRow("standard example")
            << QStringLiteral("11010519491231002X") << QDate(1949, 12, 31);
    QTest::newRow("lowercase x, spaces")
            << QStringLiteral("110105 19491231 002x") << QDate(1949, 12, 31);
    QTest::newRow("leap day") << QStringLiteral("320583200002290056") << QDate(2000, 2, 29);
    QTest::newRow("30 February") << QStringLiteral("110105199002301231") << QDate();
    QTest::newRow("15 digits") << QStringLiteral("110105491231002") << QDate();
    QTest::newRow("letters in the date") << QStringLiteral("110105199A01011232") << QDate();
    QTest::newRow("empty") << QString() << QDate();
}

void TestResidentIdNumber::birthDate()
{
    QFETCH(QString, number);
    QFETCH(QDate, expected);
    QCOMPARE(ResidentIdNumber::birthDate(number), expected);
}

void TestResidentIdNumber::defaultTodayIsTheClock()
{
    const QDate tomorrow = QDate::currentDate().addDays(1);
    const QString body = QStringLiteral("110105") + tomorrow.toString(QStringLiteral("yyyyMMdd"))
            + QStringLiteral("123");
    const QString number = body + ResidentIdNumber::checkDigit(body);
    QCOMPARE(problemName(ResidentIdNumber::check(number).problem),
             problemName(IdentifierProblem::BadBirthDate));
    QVERIFY(ResidentIdNumber::check(QStringLiteral("11010519491231002X")).ok());
}

void TestResidentIdNumber::messages()
{
    const QStringList inputs{
        QString(), // Empty
        QStringLiteral("11010519491231002"), // WrongLength
        QStringLiteral("1101051949123100A2"), // InvalidCharacter
        QStringLiteral("110105194912310021"), // BadCheckCharacter
        QStringLiteral("190105199001011237"), // BadRegion
        QStringLiteral("110105199002301231"), // BadBirthDate
        QStringLiteral("110105491231002"), // WrongLength, old 15-digit number
    };
    QSet<QString> seen;
    for (const QString &input : inputs) {
        const IdentifierCheck result = ResidentIdNumber::check(input, kToday);
        QVERIFY2(!result.ok(), qPrintable(input));
        const QString message = result.message();
        QVERIFY2(!message.isEmpty(), qPrintable(input));
        QVERIFY2(!seen.contains(message), qPrintable(message));
        seen.insert(message);
    }

    // The old number is not a typing error; the message must say that only the 18-digit
    // number is accepted, not ask for digits to be added.
    const QString legacy =
            ResidentIdNumber::check(QStringLiteral("110105491231002"), kToday).message();
    QVERIFY2(legacy.contains(QLatin1String("15-digit")), qPrintable(legacy));
    QVERIFY2(legacy.contains(QLatin1String("18-digit")), qPrintable(legacy));
    QCOMPARE(ResidentIdNumber::check(QStringLiteral("110105194912310021"), kToday).message(),
             QStringLiteral("The last character of the resident ID number should be X; check "
                            "the number for typing errors."));
}

QTEST_GUILESS_MAIN(TestResidentIdNumber)
#include "tst_residentidnumber.moc"
