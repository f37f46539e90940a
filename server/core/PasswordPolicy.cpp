// SPDX-License-Identifier: GPL-3.0-or-later
#include "PasswordPolicy.h"

#include <QSet>

namespace branchline::server {

namespace {

bool isCommon(const QString &lowered)
{
    // The most common passwords in Chinese and international leaks, lengthened versions
    // included: what an attacker tries first.
    static const QSet<QString> common = {
        QStringLiteral("123456789012"), QStringLiteral("1234567890ab"),
        QStringLiteral("password1234"), QStringLiteral("qwertyuiop12"),
        QStringLiteral("aa1234567890"), QStringLiteral("woaini1314520"),
        QStringLiteral("1qaz2wsx3edc"), QStringLiteral("admin1234567"),
        QStringLiteral("passw0rd1234"), QStringLiteral("abc123456789"),
        QStringLiteral("iloveyou1234"), QStringLiteral("88888888888888"),
    };
    return common.contains(lowered);
}

} // namespace

QStringList PasswordPolicy::problems(const QString &password, const QString &login)
{
    QStringList problems;
    if (password.size() < minimumLength)
        problems << tr("Use at least %n characters.", nullptr, minimumLength);
    int kinds = 0;
    bool lower = false, upper = false, digit = false, other = false;
    for (const QChar c : password) {
        if (c.isLower())
            lower = true;
        else if (c.isUpper())
            upper = true;
        else if (c.isDigit())
            digit = true;
        else
            other = true;
    }
    kinds = int(lower) + int(upper) + int(digit) + int(other);
    if (password.size() < passphraseLength && kinds < 3)
        problems << tr("Mix at least three of: lower case, upper case, digits and other "
                       "characters, or use a passphrase of %n characters or more.",
                       nullptr, passphraseLength);
    const QString lowered = password.toLower();
    if (!login.isEmpty() && lowered.contains(login.toLower()))
        problems << tr("The password must not contain the login name.");
    if (isCommon(lowered))
        problems << tr("This password is on the list of the most common passwords.");
    return problems;
}

} // namespace branchline::server
