// SPDX-License-Identifier: GPL-3.0-or-later
// The search box of the client store: SearchQuery::matchExpression on any text, run as an
// FTS4 MATCH on a table made as the store makes customers_fts (the "branchline" tokenizer,
// prefix indexes). Its promise is that no input can break or widen the query: every
// expression is accepted by SQLite, and it is only terms ANDed together, so it never finds
// more than any one of its terms alone.
#include "FuzzCheck.h"
#include "search/SearchQuery.h"
#include "search/SearchTokenizer.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <sqlite3.h>

using namespace branchline;

namespace {

struct Index
{
    sqlite3 *db = nullptr;
    sqlite3_stmt *count = nullptr;
};

Index openIndex()
{
    sqlite3 *db = nullptr;
    FUZZ_CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK, "cannot open SQLite in memory");
    QString error;
    FUZZ_CHECK(SearchTokenizer::registerWith(db, &error), "%s", qPrintable(error));
    const char *schema = R"(
        CREATE VIRTUAL TABLE customers_fts USING fts4(
            legal_name, address, notes, tags, tokenize=branchline, prefix="2,3");
        INSERT INTO customers_fts VALUES ('北京某某科技有限公司', '北京市海淀区中关村大街1号',
            'VIP merchant, 月结', 'pos,vip');
        INSERT INTO customers_fts VALUES ('杭州西湖茶叶商行', '杭州市西湖区龙井路 88 号',
            'Zhang San 张三 prefers WeChat', 'retail');
        INSERT INTO customers_fts VALUES ('Shanghai ABC Trading Co., Ltd.', '上海市浦东新区',
            'or and not near', 'export');
        INSERT INTO customers_fts VALUES ('南京ＡＢＣ１２３便利店', 'Nanjing', 'NOT OR AND', '');
        INSERT INTO customers_fts VALUES ('Ünïcödé Café', 'Zürich', 'ｆｕｌｌ　ｗｉｄｔｈ', 'x');
    )";
    char *message = nullptr;
    FUZZ_CHECK(sqlite3_exec(db, schema, nullptr, nullptr, &message) == SQLITE_OK, "%s",
               message ? message : "?");
    sqlite3_stmt *count = nullptr;
    FUZZ_CHECK(sqlite3_prepare_v2(db,
                                  "SELECT count(*) FROM customers_fts WHERE customers_fts MATCH ?",
                                  -1, &count, nullptr)
                       == SQLITE_OK,
               "%s", sqlite3_errmsg(db));
    return Index{ db, count };
}

// How many rows `expression` matches; aborts when SQLite refuses it.
int matches(const Index &index, const QString &expression)
{
    const QByteArray utf8 = expression.toUtf8();
    sqlite3_reset(index.count);
    sqlite3_bind_text(index.count, 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    const int rc = sqlite3_step(index.count);
    FUZZ_CHECK(rc == SQLITE_ROW, "SQLite refuses the expression \"%s\": %s", utf8.constData(),
               sqlite3_errmsg(index.db));
    return sqlite3_column_int(index.count, 0);
}

// One term of an expression: `word*` or a phrase `"t t t"` / `"t t word*"`, its tokens
// being what the tokenizer makes (lower-case letters and digits, or one CJK character).
bool isTerm(const QString &part)
{
    QString inner = part;
    if (part.startsWith(QLatin1Char('"'))) {
        if (part.size() < 3 || !part.endsWith(QLatin1Char('"')))
            return false;
        inner = part.mid(1, part.size() - 2);
    } else if (!part.endsWith(QLatin1Char('*'))) {
        return false;
    }
    if (inner.endsWith(QLatin1Char('*')))
        inner.chop(1);
    for (const QString &token : inner.split(QLatin1Char(' '))) {
        if (token.isEmpty())
            return false;
        for (const QChar c : token) {
            const char16_t u = c.unicode();
            // Everything FTS reads as syntax is ASCII: quotes, *, -, ^, :, brackets and the
            // upper-case AND, OR, NOT, NEAR.
            if (u < 0x80 && !((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z')))
                return false;
        }
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const Index index = openIndex();
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString expression = SearchQuery::matchExpression(input);
    if (expression.isEmpty())
        return 0; // the repositories match nothing then, without asking SQLite
    // Split into terms: spaces inside a phrase belong to it.
    QStringList terms;
    QString current;
    bool inPhrase = false;
    for (const QChar c : expression) {
        if (c == QLatin1Char('"'))
            inPhrase = !inPhrase;
        if (c == QLatin1Char(' ') && !inPhrase) {
            terms << current;
            current.clear();
        } else {
            current += c;
        }
    }
    terms << current;
    FUZZ_CHECK(!inPhrase, "an unclosed phrase in \"%s\"", qPrintable(expression));
    FUZZ_CHECK(terms.size() <= SearchQuery::maxTerms, "%lld terms in \"%s\"",
               static_cast<long long>(terms.size()), qPrintable(expression));
    for (const QString &term : terms)
        FUZZ_CHECK(isTerm(term), "\"%s\" in \"%s\" is not a plain term", qPrintable(term),
                   qPrintable(expression));
    const int all = matches(index, expression);
    for (const QString &term : terms) {
        const int alone = matches(index, term);
        FUZZ_CHECK(all <= alone, "\"%s\" finds %d rows but its term \"%s\" only %d",
                   qPrintable(expression), all, qPrintable(term), alone);
    }
    return 0;
}
