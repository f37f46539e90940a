// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/rules/Masking.h"

#include <QList>
#include <QStringView>

namespace branchline {

namespace {

constexpr QChar kStar = QLatin1Char('*');

// The value split into code points, each a view of one or two UTF-16 units. The views
// point into `value`, which must outlive the list.
QList<QStringView> codePoints(const QString &value)
{
    QList<QStringView> out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size();) {
        const bool pair = value.at(i).isHighSurrogate() && i + 1 < value.size()
                && value.at(i + 1).isLowSurrogate();
        const qsizetype n = pair ? 2 : 1;
        out.append(QStringView(value).mid(i, n));
        i += n;
    }
    return out;
}

QString joined(const QList<QStringView> &points, qsizetype from, qsizetype count)
{
    QString out;
    for (qsizetype i = from; i < from + count; ++i)
        out.append(points.at(i));
    return out;
}

// Keeps `front` and `back` code points and stars the rest, one star per hidden code point.
// Unless at least `minHidden` would be hidden, everything is hidden: keeping both ends of
// a short value would give most of it away.
QString keepEnds(const QString &value, qsizetype front, qsizetype back, qsizetype minHidden)
{
    const QList<QStringView> points = codePoints(value);
    const qsizetype n = points.size();
    if (n < front + back + minHidden)
        return QString(n, kStar);
    return joined(points, 0, front) + QString(n - front - back, kStar)
            + joined(points, n - back, back);
}

QString maskAccount(const QString &value)
{
    // Card and account numbers are written in groups ("6222 0212 3456 7890"); the groups
    // are joined so the kept characters are digits, not spaces.
    QString digits;
    for (const QChar c : value) {
        if (!c.isSpace() && c != QLatin1Char('-'))
            digits.append(c);
    }
    const QList<QStringView> points = codePoints(digits);
    const qsizetype n = points.size();
    // Fewer than 12 characters would leave under 4 hidden; no real account is that short,
    // so such a value is something else and is hidden whole.
    if (n < 12)
        return QString(n, kStar);
    // Always two groups of stars, whatever the length: the length of an account number
    // narrows down which bank issued it.
    return joined(points, 0, 4) + QLatin1String(" **** **** ") + joined(points, n - 4, 4);
}

QString maskEmail(const QString &value)
{
    const qsizetype at = value.lastIndexOf(QLatin1Char('@'));
    const QString domain = at >= 0 ? value.mid(at + 1) : QString();
    if (at <= 0 || domain.isEmpty())
        return QString(codePoints(value).size(), kStar);
    const QString localPart = value.left(at); // outlives the views into it
    const QList<QStringView> local = codePoints(localPart);
    // A one-letter local part would be shown whole, so none of it is kept then.
    const QString kept = local.size() > 1 ? local.first().toString() : QString();
    return kept + QLatin1String("***@") + domain;
}

} // namespace

QString Masking::mask(PiiKind kind, const QString &value)
{
    if (value.isEmpty())
        return {};
    switch (kind) {
    case PiiKind::ResidentId:
        return keepEnds(value, 6, 4, 8);
    case PiiKind::Phone:
        return keepEnds(value, 3, 4, 4);
    case PiiKind::CreditCode:
        return keepEnds(value, 8, 4, 6);
    case PiiKind::Account:
        return maskAccount(value);
    case PiiKind::Email:
        return maskEmail(value);
    case PiiKind::Name:
        return keepEnds(value, 1, 0, 1);
    }
    // Not reached; a kind added without a rule above must still not leak the value.
    return QString(codePoints(value).size(), kStar);
}

} // namespace branchline
