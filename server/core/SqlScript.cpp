// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlScript.h"

#include <QRegularExpression>

namespace branchline::server {

QStringList SqlScript::split(const QString &script)
{
    QStringList statements;
    QString current;
    bool inString = false;
    bool inDollar = false;
    int blockDepth = 0; // inside CREATE TRIGGER ... BEGIN ... END
    static const QRegularExpression triggerStart(QStringLiteral("^\\s*CREATE\\s+TRIGGER\\b"),
                                                 QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression blockEnd(QStringLiteral("\\bEND\\s*$"),
                                             QRegularExpression::CaseInsensitiveOption);
    // Only SQLite's triggers have a BEGIN ... END body; PostgreSQL's name a function.
    static const QRegularExpression blockBegin(QStringLiteral("\\bBEGIN\\b"),
                                               QRegularExpression::CaseInsensitiveOption);
    const qsizetype n = script.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = script.at(i);
        const QChar next = i + 1 < n ? script.at(i + 1) : QChar();
        if (!inString && !inDollar && c == QLatin1Char('-') && next == QLatin1Char('-')) {
            while (i < n && script.at(i) != QLatin1Char('\n'))
                ++i;
            current += QLatin1Char('\n');
            continue;
        }
        if (!inDollar && c == QLatin1Char('\'')) {
            inString = !inString;
        } else if (!inString && c == QLatin1Char('$') && next == QLatin1Char('$')) {
            inDollar = !inDollar;
            current += QStringLiteral("$$");
            ++i;
            continue;
        }
        if (!inString && !inDollar && c == QLatin1Char(';')) {
            const QString trimmed = current.trimmed();
            if (blockDepth == 0 && triggerStart.match(trimmed).hasMatch()
                && blockBegin.match(trimmed).hasMatch() && !blockEnd.match(trimmed).hasMatch()) {
                blockDepth = 1; // a ';' inside the trigger body
            } else if (blockDepth > 0 && blockEnd.match(trimmed).hasMatch()) {
                blockDepth = 0;
            }
            if (blockDepth == 0) {
                if (!trimmed.isEmpty())
                    statements << trimmed;
                current.clear();
                continue;
            }
        }
        current += c;
    }
    const QString rest = current.trimmed();
    if (!rest.isEmpty())
        statements << rest;
    return statements;
}

bool SqlScript::forEngine(const QString &source, bool postgres, QString *script, QString *error)
{
    enum class Block { Shared, Sqlite, Postgres };
    Block block = Block::Shared;
    QStringList lines;
    int number = 0;
    for (const QString &line : source.split(QLatin1Char('\n'))) {
        ++number;
        const QString marker = line.trimmed();
        if (marker == QLatin1String("-- @sqlite")) {
            if (block != Block::Shared) {
                *error = QStringLiteral("line %1: -- @sqlite inside a block").arg(number);
                return false;
            }
            block = Block::Sqlite;
            continue;
        }
        if (marker == QLatin1String("-- @postgres")) {
            if (block != Block::Sqlite) {
                *error = QStringLiteral("line %1: -- @postgres without -- @sqlite").arg(number);
                return false;
            }
            block = Block::Postgres;
            continue;
        }
        if (marker == QLatin1String("-- @end")) {
            if (block != Block::Postgres) {
                *error = QStringLiteral("line %1: -- @end without -- @postgres").arg(number);
                return false;
            }
            block = Block::Shared;
            continue;
        }
        if ((block == Block::Sqlite && postgres) || (block == Block::Postgres && !postgres))
            continue;
        QString text = line;
        text.replace(QLatin1String("${BIGINT}"),
                     postgres ? QLatin1String("BIGINT") : QLatin1String("INTEGER"));
        lines << text;
    }
    if (block != Block::Shared) {
        *error = QStringLiteral("a dialect block is not closed with -- @end");
        return false;
    }
    *script = lines.join(QLatin1Char('\n'));
    return true;
}

} // namespace branchline::server
