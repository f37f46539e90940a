// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace branchline::server {

// What a password must be: long, not guessable, not the login. A long passphrase passes
// on length alone; shorter passwords need three kinds of character.
class PasswordPolicy
{
    Q_DECLARE_TR_FUNCTIONS(PasswordPolicy)

public:
    static constexpr int minimumLength = 12;
    static constexpr int passphraseLength = 16;

    // Every reason the password is refused, translated; empty when it is accepted.
    static QStringList problems(const QString &password, const QString &login);
};

} // namespace branchline::server
