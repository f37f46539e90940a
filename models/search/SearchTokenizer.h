// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

struct sqlite3;

namespace branchline {

// Splits text into full-text-search tokens the way Chinese users search.
//
// SQLite's built-in FTS4 tokenizers keep a run of Chinese characters as one token, so
// "科技" would never find "北京某某科技有限公司". This tokenizer makes every CJK character
// a token of its own; a query for "科技" then becomes a phrase of two adjacent tokens.
// Latin letters and digits form words, lower-cased, with full-width forms (ＡＢＣ１２３)
// folded to ASCII. Everything else separates tokens.
class SearchTokenizer
{
public:
    // Called for each token of UTF-8 text with its byte range; `ideograph` is true for a
    // single CJK character, false for a word of letters and digits.
    using TokenSink = std::function<void(const QByteArray &token, int byteStart, int byteEnd,
                                         bool ideograph)>;
    static void tokenize(const char *text, int size, const TokenSink &sink);

    // Registers the tokenizer as "branchline" on one connection; call it before the
    // first statement that touches an FTS table. Works on any SQLite 3.12+ handle,
    // SQLCipher's or plain SQLite's.
    static bool registerWith(sqlite3 *db, QString *error);

    static const char *name() { return "branchline"; }
};

} // namespace branchline
