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

} // namespace branchline::server
