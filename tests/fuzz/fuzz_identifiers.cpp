// SPDX-License-Identifier: GPL-3.0-or-later
// The identifier checks and masking (models/rules) on any text: no crash and no undefined
// behaviour, and the promises they make. An accepted credit code or resident ID is 18
// characters of its alphabet with a matching check character, an accepted mobile number 11
// digits; what is accepted is accepted again as it was stored (the server re-checks what a
// client normalised); a message exactly when there is a problem; and a mask shows no more of
// the value than its rule keeps.
//
// An input is checked as UTF-8 and, read as UTF-16, once more, which reaches unpaired
// surrogates that no UTF-8 decoding produces.
#include "FuzzCheck.h"
#include "domain/rules/CreditCode.h"
#include "domain/rules/IdentifierCheck.h"
#include "domain/rules/Masking.h"
#include "domain/rules/MobileNumber.h"
#include "domain/rules/ResidentIdNumber.h"

#include <QList>
#include <QStringView>

#include <cstdint>
#include <cstring>

using namespace branchline;

namespace {

// A fixed day, so a run does not depend on the clock: the release day of 0.1.0.
const QDate today(2026, 12, 6);

QByteArray shown(const QString &text)
{
    return text.toUtf8().toPercentEncoding(" *@");
}

QList<QStringView> codePoints(const QString &value)
{
    QList<QStringView> out;
    for (qsizetype i = 0; i < value.size();) {
        const qsizetype n = value.at(i).isHighSurrogate() && i + 1 < value.size()
                        && value.at(i + 1).isLowSurrogate()
                ? 2
                : 1;
        out.append(QStringView(value).mid(i, n));
        i += n;
    }
    return out;
}

bool allIn(const QString &text, QLatin1String alphabet)
{
    for (const QChar c : text)
        if (!alphabet.contains(c))
            return false;
    return true;
}

void checkMessage(const IdentifierCheck &check, const QString &input)
{
    FUZZ_CHECK(check.message().isEmpty() == check.ok(), "message/verdict mismatch for \"%s\"",
               shown(input).constData());
}

void checkCreditCode(const QString &input)
{
    const IdentifierCheck check = CreditCode::check(input);
    checkMessage(check, input);
    FUZZ_CHECK(check.normalized == IdentifierCheck::clean(input), "\"%s\"",
               shown(input).constData());
    if (!check.ok())
        return;
    const QString &code = check.normalized;
    FUZZ_CHECK(code.size() == 18, "accepted \"%s\" as \"%s\"", shown(input).constData(),
               shown(code).constData());
    FUZZ_CHECK(allIn(code, QLatin1String("0123456789ABCDEFGHJKLMNPQRTUWXY")), "accepted \"%s\"",
               shown(code).constData());
    FUZZ_CHECK(QLatin1String("123456789ANY").contains(code.at(0)), "accepted \"%s\"",
               shown(code).constData());
    FUZZ_CHECK(allIn(code.mid(2, 6), QLatin1String("0123456789")), "accepted \"%s\"",
               shown(code).constData());
    FUZZ_CHECK(CreditCode::organisationCheckCharacter(code.mid(8, 8)) == code.at(16),
               "accepted \"%s\"", shown(code).constData());
    FUZZ_CHECK(CreditCode::checkCharacter(code.left(17)) == code.at(17), "accepted \"%s\"",
               shown(code).constData());
    const IdentifierCheck again = CreditCode::check(code);
    FUZZ_CHECK(again.ok() && again.normalized == code, "\"%s\" accepted once, not again",
               shown(code).constData());
}

void checkResidentId(const QString &input)
{
    const IdentifierCheck check = ResidentIdNumber::check(input, today);
    checkMessage(check, input);
    if (!check.ok())
        return;
    const QString &number = check.normalized;
    FUZZ_CHECK(number.size() == 18, "accepted \"%s\" as \"%s\"", shown(input).constData(),
               shown(number).constData());
    FUZZ_CHECK(allIn(number.left(17), QLatin1String("0123456789"))
                       && QLatin1String("0123456789X").contains(number.at(17)),
               "accepted \"%s\"", shown(number).constData());
    FUZZ_CHECK(ResidentIdNumber::checkDigit(number.left(17)) == number.at(17), "accepted \"%s\"",
               shown(number).constData());
    const QDate born = ResidentIdNumber::birthDate(number);
    FUZZ_CHECK(born.isValid() && born >= QDate(1900, 1, 1) && born <= today,
               "accepted \"%s\" with birth date %s", shown(number).constData(),
               qPrintable(born.toString(Qt::ISODate)));
    const IdentifierCheck again = ResidentIdNumber::check(number, today);
    FUZZ_CHECK(again.ok() && again.normalized == number, "\"%s\" accepted once, not again",
               shown(number).constData());
}

void checkMobile(const QString &input)
{
    const IdentifierCheck check = MobileNumber::check(input);
    checkMessage(check, input);
    if (!check.ok())
        return;
    const QString &number = check.normalized;
    FUZZ_CHECK(number.size() == 11 && allIn(number, QLatin1String("0123456789"))
                       && number.at(0) == QLatin1Char('1') && number.at(1) >= QLatin1Char('3'),
               "accepted \"%s\" as \"%s\"", shown(input).constData(), shown(number).constData());
    const IdentifierCheck again = MobileNumber::check(number);
    FUZZ_CHECK(again.ok() && again.normalized == number, "\"%s\" accepted once, not again",
               shown(number).constData());
}

// The helpers the checks are built from, on text of any length.
void checkParts(const QString &input)
{
    const QChar credit = CreditCode::checkCharacter(input);
    FUZZ_CHECK(credit.isNull() || input.size() == 17, "\"%s\"", shown(input).constData());
    const QChar organisation = CreditCode::organisationCheckCharacter(input);
    FUZZ_CHECK(organisation.isNull() || input.size() == 8, "\"%s\"", shown(input).constData());
    const QChar digit = ResidentIdNumber::checkDigit(input);
    FUZZ_CHECK(digit.isNull() || input.size() == 17, "\"%s\"", shown(input).constData());
    (void)ResidentIdNumber::birthDate(input);
}

// Keeps at most `front` and `back` code points, in place; hides everything when fewer than
// `minHidden` would be hidden.
void checkEnds(PiiKind kind, const QString &value, qsizetype front, qsizetype back,
               qsizetype minHidden)
{
    const QString masked = Masking::mask(kind, value);
    const QList<QStringView> in = codePoints(value);
    const QList<QStringView> out = codePoints(masked);
    const qsizetype n = in.size();
    FUZZ_CHECK(out.size() == n, "kind %d: \"%s\" masked as \"%s\"", int(kind),
               shown(value).constData(), shown(masked).constData());
    const bool whole = n < front + back + minHidden;
    for (qsizetype i = 0; i < n; ++i) {
        if (out.at(i) == QLatin1String("*"))
            continue;
        const bool kept = !whole && (i < front || i >= n - back);
        FUZZ_CHECK(kept && out.at(i) == in.at(i), "kind %d: \"%s\" masked as \"%s\" shows %lld",
                   int(kind), shown(value).constData(), shown(masked).constData(),
                   static_cast<long long>(i));
    }
}

void checkAccount(const QString &value)
{
    const QString masked = Masking::mask(PiiKind::Account, value);
    const QList<QStringView> out = codePoints(masked);
    qsizetype stars = 0;
    for (const QStringView point : out)
        stars += point == QLatin1String("*") ? 1 : 0;
    // Either all hidden, or four, eight fixed stars and four: never the length.
    const bool hidden = stars == out.size();
    FUZZ_CHECK(hidden
                       || (out.size() == 19 && masked.contains(QLatin1String(" **** **** "))
                           && out.size() - stars <= 4 + 3 + 4),
               "\"%s\" masked as \"%s\"", shown(value).constData(), shown(masked).constData());
}

void checkEmail(const QString &value)
{
    const QString masked = Masking::mask(PiiKind::Email, value);
    const qsizetype at = value.lastIndexOf(QLatin1Char('@'));
    const QString domain = value.mid(at + 1);
    if (at <= 0 || domain.isEmpty()) {
        FUZZ_CHECK(masked == QString(codePoints(value).size(), QLatin1Char('*')),
                   "\"%s\" masked as \"%s\"", shown(value).constData(), shown(masked).constData());
        return;
    }
    const QString tail = QLatin1String("***@") + domain;
    FUZZ_CHECK(masked.endsWith(tail), "\"%s\" masked as \"%s\"", shown(value).constData(),
               shown(masked).constData());
    const QString kept = masked.left(masked.size() - tail.size());
    const QList<QStringView> local = codePoints(value.left(at));
    // The first character of the local part, and only when there is more than it.
    FUZZ_CHECK(kept.isEmpty() || (local.size() > 1 && kept == local.first()),
               "\"%s\" masked as \"%s\"", shown(value).constData(), shown(masked).constData());
}

void checkMasking(const QString &value)
{
    if (value.isEmpty()) {
        for (PiiKind kind : { PiiKind::ResidentId, PiiKind::CreditCode, PiiKind::Phone,
                              PiiKind::Account, PiiKind::Email, PiiKind::Name })
            FUZZ_CHECK(Masking::mask(kind, value).isEmpty(), "kind %d", int(kind));
        return;
    }
    checkEnds(PiiKind::ResidentId, value, 6, 4, 8);
    checkEnds(PiiKind::Phone, value, 3, 4, 4);
    checkEnds(PiiKind::CreditCode, value, 8, 4, 6);
    checkEnds(PiiKind::Name, value, 1, 0, 1);
    checkAccount(value);
    checkEmail(value);
}

void checkAll(const QString &input)
{
    checkCreditCode(input);
    checkResidentId(input);
    checkMobile(input);
    checkParts(input);
    checkMasking(input);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 4096)
        return 0; // identifiers are short; long inputs only slow the search down
    checkAll(QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)));
    QString utf16(qsizetype(size / 2), Qt::Uninitialized);
    if (!utf16.isEmpty())
        std::memcpy(utf16.data(), data, size_t(utf16.size()) * sizeof(QChar));
    checkAll(utf16);
    return 0;
}
