// SPDX-License-Identifier: GPL-3.0-or-later
// The search tokenizer and the query builder: how Chinese and Latin text is split, and
// that no typed input can break or widen an FTS query.
#include "TestFiles.h"
#include "search/SearchQuery.h"
#include "search/SearchTokenizer.h"
#include "store/LocalStore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace branchline;

class TestSearch : public QObject
{
    Q_OBJECT

private slots:
    void tokenizes_data();
    void tokenizes();
    void reportsByteOffsets();
    void buildsMatchExpressions_data();
    void buildsMatchExpressions();
    void findsThroughFts_data();
    void findsThroughFts();

private:
    QTemporaryDir m_dir;
};

void TestSearch::tokenizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tokens");
    QTest::newRow("latin words, lower-cased") << QStringLiteral("Zhang San, ACME-Pay")
                                              << QStringList{ "zhang", "san", "acme", "pay" };
    QTest::newRow("each CJK character alone")
            << QStringLiteral("北京科技") << QStringList{ "北", "京", "科", "技" };
    QTest::newRow("mixed runs") << QStringLiteral("ABC支付123号")
                                << QStringList{ "abc", "支", "付", "123", "号" };
    QTest::newRow("full-width folded") << QStringLiteral("ＡＢＣ１２３") << QStringList{ "abc123" };
    QTest::newRow("accented letters stay in words")
            << QStringLiteral("Café Müller") << QStringList{ "café", "müller" };
    QTest::newRow("punctuation only") << QStringLiteral("，。！？--") << QStringList{};
    QTest::newRow("astral ideograph") << QStringLiteral("𠀀x") << QStringList{ "𠀀", "x" };
}

void TestSearch::tokenizes()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tokens);
    const QByteArray utf8 = text.toUtf8();
    QStringList seen;
    SearchTokenizer::tokenize(
            utf8.constData(), int(utf8.size()),
            [&](const QByteArray &token, int, int, bool) { seen << QString::fromUtf8(token); });
    QCOMPARE(seen, tokens);
}

void TestSearch::reportsByteOffsets()
{
    const QByteArray utf8 = QStringLiteral("ab 北京").toUtf8();
    QList<QPair<int, int>> ranges;
    SearchTokenizer::tokenize(
            utf8.constData(), int(utf8.size()),
            [&](const QByteArray &, int start, int end, bool) { ranges << qMakePair(start, end); });
    QCOMPARE(ranges, (QList<QPair<int, int>>{ { 0, 2 }, { 3, 6 }, { 6, 9 } }));
    // A malformed UTF-8 tail must not read past the buffer.
    const char broken[] = { 'a', char(0xE5), char(0x8C) };
    int count = 0;
    SearchTokenizer::tokenize(broken, 3, [&](const QByteArray &, int, int end, bool) {
        QVERIFY(end <= 3);
        ++count;
    });
    QVERIFY(count >= 1);
}

void TestSearch::buildsMatchExpressions_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expression");
    QTest::newRow("prefix word") << QStringLiteral("zhang") << QStringLiteral("zhang*");
    QTest::newRow("chinese phrase") << QStringLiteral("科技") << QStringLiteral("\"科 技\"");
    QTest::newRow("single character") << QStringLiteral("茶") << QStringLiteral("\"茶\"");
    QTest::newRow("two terms") << QStringLiteral("杭州 tea") << QStringLiteral("\"杭 州\" tea*");
    QTest::newRow("mixed term") << QStringLiteral("ABC支付") << QStringLiteral("\"abc 支 付\"");
    QTest::newRow("query syntax is neutralised") << QStringLiteral("a OR b* -c \"d NEAR e\" (f)")
                                                 << QStringLiteral("a* or* b* c* d* near* e* f*");
    QTest::newRow("only punctuation") << QStringLiteral("\"*-()") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestSearch::buildsMatchExpressions()
{
    QFETCH(QString, input);
    QFETCH(QString, expression);
    QCOMPARE(SearchQuery::matchExpression(input), expression);
}

void TestSearch::findsThroughFts_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("middle of a company name")
            << QStringLiteral("科技") << QStringList{ "北京某某科技有限公司" };
    QTest::newRow("characters apart do not match as a phrase")
            << QStringLiteral("北技") << QStringList{};
    QTest::newRow("latin prefix") << QStringLiteral("acm") << QStringList{ "ACME Payments" };
    QTest::newRow("full width input")
            << QStringLiteral("ＡＣＭＥ") << QStringList{ "ACME Payments" };
    QTest::newRow("all terms must match")
            << QStringLiteral("有限 上海") << QStringList{ "上海浦东支付有限公司" };
    QTest::newRow("hostile input") << QStringLiteral("\" OR 1=1 --") << QStringList{};
}

void TestSearch::findsThroughFts()
{
    QFETCH(QString, input);
    QFETCH(QStringList, expected);
    StoreError error;
    const QString name = QStringLiteral("fts");
    {
        QSqlDatabase db =
                LocalStore::openConnection(m_dir.filePath(QStringLiteral("fts.db")), name,
                                           test::testKey(), LocalStore::KeyKind::Raw, true, &error);
        QVERIFY(db.isOpen());
        QSqlQuery query(db);
        QVERIFY2(query.exec(QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS t USING fts4(name, "
                                           "tokenize=branchline);"
                                           "DELETE FROM t;"
                                           "INSERT INTO t VALUES ('北京某某科技有限公司');"
                                           "INSERT INTO t VALUES ('ACME Payments');"
                                           "INSERT INTO t VALUES ('上海浦东支付有限公司');")),
                 qPrintable(query.lastError().text()));
        const QString match = SearchQuery::matchExpression(input);
        QStringList found;
        if (!match.isEmpty()) {
            QVERIFY(query.prepare(
                    QStringLiteral("SELECT name FROM t WHERE t MATCH ? ORDER BY docid")));
            query.addBindValue(match);
            QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
            while (query.next())
                found << query.value(0).toString();
        }
        QCOMPARE(found, expected);
    }
    LocalStore::closeConnection(name);
}

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
