// SPDX-License-Identifier: GPL-3.0-or-later
#include "SearchTokenizer.h"

#include <QChar>

#include <cstring>
#include <vector>

#ifdef BRANCHLINE_SQLCIPHER
#define SQLITE_HAS_CODEC 1
#endif
#include <sqlite3.h>

namespace branchline {

namespace {

// --- The FTS3/4 tokenizer ABI (version 0), as documented in SQLite's fts3_tokenizer.h,
// which Debian does not install. The layout is part of SQLite's stable interface.
struct Fts3Tokenizer;
struct Fts3TokenizerCursor;
struct Fts3TokenizerModule
{
    int iVersion;
    int (*xCreate)(int argc, const char *const *argv, Fts3Tokenizer **tokenizer);
    int (*xDestroy)(Fts3Tokenizer *tokenizer);
    int (*xOpen)(Fts3Tokenizer *tokenizer, const char *input, int bytes,
                 Fts3TokenizerCursor **cursor);
    int (*xClose)(Fts3TokenizerCursor *cursor);
    int (*xNext)(Fts3TokenizerCursor *cursor, const char **token, int *bytes, int *start, int *end,
                 int *position);
};
struct Fts3Tokenizer
{
    const Fts3TokenizerModule *module; // filled in by SQLite
};
struct Fts3TokenizerCursor
{
    Fts3Tokenizer *tokenizer; // filled in by SQLite
};

// --- Character classes

bool isCjk(char32_t c)
{
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)
            || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F)
            || (c >= 0x3040 && c <= 0x30FF) // kana
            || (c >= 0xAC00 && c <= 0xD7AF); // hangul syllables
}

// Full-width ASCII (U+FF01..U+FF5E) as typed by Chinese input methods, folded to ASCII.
char32_t foldWidth(char32_t c)
{
    if (c >= 0xFF01 && c <= 0xFF5E)
        return c - 0xFEE0;
    if (c == 0x3000)
        return ' ';
    return c;
}

bool isWordCharacter(char32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return QChar::isLetterOrNumber(c);
}

char32_t lower(char32_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return QChar::toLower(c);
}

// Decodes one UTF-8 sequence at text[*pos], advancing *pos. Malformed bytes become U+FFFD.
char32_t decode(const unsigned char *text, int size, int *pos)
{
    const unsigned char lead = text[*pos];
    int length = 1;
    char32_t c = 0xFFFD;
    if (lead < 0x80) {
        c = lead;
    } else if ((lead & 0xE0) == 0xC0) {
        length = 2;
        c = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        c = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        c = lead & 0x07;
    } else {
        ++*pos;
        return 0xFFFD;
    }
    if (*pos + length > size) {
        *pos = size;
        return 0xFFFD;
    }
    for (int i = 1; i < length; ++i) {
        const unsigned char next = text[*pos + i];
        if ((next & 0xC0) != 0x80) {
            *pos += i;
            return 0xFFFD;
        }
        c = (c << 6) | (next & 0x3F);
    }
    *pos += length;
    return c;
}

void appendUtf8(QByteArray &out, char32_t c)
{
    if (c < 0x80) {
        out.append(static_cast<char>(c));
    } else if (c < 0x800) {
        out.append(static_cast<char>(0xC0 | (c >> 6)));
        out.append(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.append(static_cast<char>(0xE0 | (c >> 12)));
        out.append(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.append(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.append(static_cast<char>(0xF0 | (c >> 18)));
        out.append(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.append(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.append(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

// --- The SQLite-facing cursor: tokens are produced up front, then handed out one by one.

struct Token
{
    QByteArray text;
    int start;
    int end;
};

struct Cursor : Fts3TokenizerCursor
{
    std::vector<Token> tokens;
    std::size_t next = 0;
};

int create(int, const char *const *, Fts3Tokenizer **tokenizer)
{
    *tokenizer = new Fts3Tokenizer{};
    return SQLITE_OK;
}

int destroy(Fts3Tokenizer *tokenizer)
{
    delete tokenizer;
    return SQLITE_OK;
}

int open(Fts3Tokenizer *, const char *input, int bytes, Fts3TokenizerCursor **out)
{
    auto *cursor = new Cursor{};
    const int size = bytes < 0 ? static_cast<int>(std::strlen(input)) : bytes;
    SearchTokenizer::tokenize(input, size,
                              [cursor](const QByteArray &token, int start, int end, bool) {
                                  cursor->tokens.push_back(Token{ token, start, end });
                              });
    *out = cursor;
    return SQLITE_OK;
}

int close(Fts3TokenizerCursor *cursor)
{
    delete static_cast<Cursor *>(cursor);
    return SQLITE_OK;
}

int next(Fts3TokenizerCursor *base, const char **token, int *bytes, int *start, int *end,
         int *position)
{
    auto *cursor = static_cast<Cursor *>(base);
    if (cursor->next >= cursor->tokens.size())
        return SQLITE_DONE;
    const Token &current = cursor->tokens[cursor->next];
    *token = current.text.constData();
    *bytes = static_cast<int>(current.text.size());
    *start = current.start;
    *end = current.end;
    *position = static_cast<int>(cursor->next);
    ++cursor->next;
    return SQLITE_OK;
}

const Fts3TokenizerModule module = { 0, create, destroy, open, close, next };

} // namespace

void SearchTokenizer::tokenize(const char *text, int size, const TokenSink &sink)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(text);
    QByteArray word;
    int wordStart = -1;
    int pos = 0;
    auto flush = [&](int end) {
        if (wordStart >= 0 && !word.isEmpty())
            sink(word, wordStart, end, false);
        word.clear();
        wordStart = -1;
    };
    while (pos < size) {
        const int start = pos;
        const char32_t c = foldWidth(decode(bytes, size, &pos));
        if (isCjk(c)) {
            flush(start);
            QByteArray single;
            appendUtf8(single, c);
            sink(single, start, pos, true);
        } else if (isWordCharacter(c)) {
            if (wordStart < 0)
                wordStart = start;
            appendUtf8(word, lower(c));
        } else {
            flush(start);
        }
    }
    flush(pos);
}

bool SearchTokenizer::registerWith(sqlite3 *db, QString *error)
{
    // Since SQLite 3.11 the two-argument fts3_tokenizer() is off unless the connection
    // allows it; it is only ever given our own module's address.
    int enabled = 0;
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 1, &enabled);
    sqlite3_stmt *statement = nullptr;
    int rc = sqlite3_prepare_v2(db, "SELECT fts3_tokenizer(?, ?)", -1, &statement, nullptr);
    if (rc == SQLITE_OK) {
        const Fts3TokenizerModule *pointer = &module;
        sqlite3_bind_text(statement, 1, name(), -1, SQLITE_STATIC);
        // fts3_tokenizer() takes the module's address itself, as a blob of pointer size.
        sqlite3_bind_blob(statement, 2, &pointer, sizeof(pointer), // NOLINT(bugprone-sizeof-expression)
                          SQLITE_TRANSIENT);
        rc = sqlite3_step(statement);
        if (rc == SQLITE_ROW)
            rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK && error)
        *error = QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(statement);
    return rc == SQLITE_OK;
}

} // namespace branchline
