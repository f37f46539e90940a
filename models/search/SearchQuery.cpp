// SPDX-License-Identifier: GPL-3.0-or-later
#include "SearchQuery.h"

#include "SearchTokenizer.h"

#include <QStringList>

namespace branchline {

QString SearchQuery::matchExpression(const QString &input)
{
    QStringList parts;
    const QStringList terms = input.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &term : terms) {
        if (parts.size() >= maxTerms)
            break;
        // Re-tokenize each term with the index's own tokenizer, so the query and the index
        // agree on case, width and where Chinese characters split.
        const QByteArray utf8 = term.toUtf8();
        QStringList tokens;
        bool lastIsWord = false;
        SearchTokenizer::tokenize(utf8.constData(), static_cast<int>(utf8.size()),
                                  [&](const QByteArray &token, int, int, bool ideograph) {
                                      tokens << QString::fromUtf8(token);
                                      lastIsWord = !ideograph;
                                  });
        if (tokens.isEmpty())
            continue;
        if (tokens.size() == 1 && lastIsWord) {
            parts << tokens.first() + QLatin1Char('*');
            continue;
        }
        // Several tokens from one term: they must appear in this order, next to each other.
        QString phrase = QLatin1Char('"') + tokens.join(QLatin1Char(' '));
        if (lastIsWord)
            phrase += QLatin1Char('*'); // "北京 abc" + prefix on the trailing word
        parts << phrase + QLatin1Char('"');
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace branchline
