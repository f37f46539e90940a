// SPDX-License-Identifier: GPL-3.0-or-later
// Dates, numbers and money in the language the interface speaks: Translations::install makes
// that language's QLocale the default, the item models and status texts write with it, and
// Money writes yuan with ¥, the locale's grouping and two decimals.
#include "StoreFixture.h"
#include "Translations.h"
#include "itemmodels/TaskListModel.h"
#include "repositories/TaskRepository.h"
#include "domain/rules/Money.h"

#include <QCoreApplication>
#include <QTest>

#include <limits>

using namespace branchline;

class TestLocaleFormat : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void money_data();
    void money();
    void catalogueForLocale_data();
    void catalogueForLocale();
    void formatsInTheChosenLanguage_data();
    void formatsInTheChosenLanguage();
    void unknownLanguageIsEnglishThroughout();
};

void TestLocaleFormat::cleanup()
{
    QLocale::setDefault(QLocale::c());
}

void TestLocaleFormat::money_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<qint64>("fen");
    QTest::addColumn<QString>("text");
    QTest::newRow("en grouping") << "en_US" << qint64(123456789) << "¥1,234,567.89";
    QTest::newRow("zh_CN grouping") << "zh_CN" << qint64(123456789) << "¥1,234,567.89";
    QTest::newRow("zero") << "zh_CN" << qint64(0) << "¥0.00";
    QTest::newRow("one fen") << "en_US" << qint64(1) << "¥0.01";
    QTest::newRow("round yuan") << "en_US" << qint64(50000) << "¥500.00";
    QTest::newRow("negative") << "en_US" << qint64(-1250) << "-¥12.50";
    QTest::newRow("most negative") << "zh_CN" << std::numeric_limits<qint64>::min()
                                   << "-¥92,233,720,368,547,758.08";
    // Not a language Branchline speaks, but proof that the locale writes the number.
    QTest::newRow("de_DE separators") << "de_DE" << qint64(123456789) << "¥1.234.567,89";
}

void TestLocaleFormat::money()
{
    QFETCH(QString, locale);
    QFETCH(qint64, fen);
    QFETCH(QString, text);
    QCOMPARE(Money::format(fen, QLocale(locale)), text);
    // Without a locale: the default, which Translations::install sets.
    QLocale::setDefault(QLocale(locale));
    QCOMPARE(Money::format(fen), text);
}

void TestLocaleFormat::catalogueForLocale_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("catalogue");
    QTest::newRow("zh_CN") << "zh_CN" << "zh_CN";
    QTest::newRow("zh_SG simplified") << "zh_SG" << "zh_CN";
    QTest::newRow("zh_TW traditional") << "zh_TW" << "";
    QTest::newRow("zh_HK") << "zh_HK" << "";
    QTest::newRow("en_US") << "en_US" << "en";
    QTest::newRow("en_GB") << "en_GB" << "en";
    QTest::newRow("fr_FR") << "fr_FR" << "";
    QTest::newRow("C") << "C" << "";
}

void TestLocaleFormat::catalogueForLocale()
{
    QFETCH(QString, locale);
    QFETCH(QString, catalogue);
    QCOMPARE(Translations::catalogueFor(QLocale(locale)), catalogue);
}

void TestLocaleFormat::formatsInTheChosenLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("localeName");
    QTest::addColumn<QString>("due");
    QTest::addColumn<QString>("count");
    QTest::addColumn<QString>("pending");
    QTest::newRow("en") << "en" << "en_US" << "12/28/26 11:59 PM" << "1,234,567"
                        << "2 edits waiting to be sent";
    QTest::newRow("zh_CN") << "zh_CN" << "zh_CN" << "2026/12/28 23:59" << "1,234,567"
                           << "2 条修改等待上传";
}

void TestLocaleFormat::formatsInTheChosenLanguage()
{
    QFETCH(QString, language);
    QFETCH(QString, localeName);
    QFETCH(QString, due);
    QFETCH(QString, count);
    QFETCH(QString, pending);
    QVERIFY(Translations::install(*qApp, language));
    QCOMPARE(QLocale().name(), localeName);

    // A task due at 23:59 local time shows its due date the way the language writes dates.
    test::StoreFixture fixture;
    QVERIFY(fixture.isOpen());
    Task task;
    task.title = QStringLiteral("回访西湖龙井茶庄");
    task.dueAt = QDateTime(QDate(2026, 12, 28), QTime(23, 59)).toUTC();
    QVERIFY(TaskRepository(fixture.db()).insert(task));
    TaskListModel model(fixture.db());
    model.setFilter({});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, TaskListModel::Due).data().toString(), due);

    QCOMPARE(QLocale().toString(1234567), count);
    QCOMPARE(QCoreApplication::translate("branchline::StatusPanel",
                                         "%n edit(s) waiting to be sent", nullptr, 2),
             pending);
}

void TestLocaleFormat::unknownLanguageIsEnglishThroughout()
{
    // No catalogue for French: English words, so English numbers, dates and plurals too.
    QVERIFY(!Translations::install(*qApp, QStringLiteral("fr")));
    QCOMPARE(QLocale().name(), QStringLiteral("en_US"));
    QCOMPARE(QCoreApplication::translate("branchline::StatusPanel",
                                         "%n edit(s) waiting to be sent", nullptr, 1),
             QStringLiteral("1 edit waiting to be sent"));
    // A later install replaces the catalogues rather than stacking on them.
    QVERIFY(Translations::install(*qApp, QStringLiteral("zh_CN")));
    QVERIFY(Translations::install(*qApp, QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate("branchline::MainWindow", "Customers"),
             QStringLiteral("Customers"));
}

QTEST_GUILESS_MAIN(TestLocaleFormat)
#include "tst_localeformat.moc"
