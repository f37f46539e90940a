// SPDX-License-Identifier: GPL-3.0-or-later
#include "PasswordHasher.h"

#include <sodium.h>

namespace branchline::server {

bool PasswordHasher::initialise()
{
    return sodium_init() >= 0;
}

PasswordHasher::PasswordHasher(Strength strength)
    : m_opsLimit(strength == Strength::Interactive ? crypto_pwhash_OPSLIMIT_INTERACTIVE
                                                   : crypto_pwhash_OPSLIMIT_MIN)
    , m_memLimit(strength == Strength::Interactive ? crypto_pwhash_MEMLIMIT_INTERACTIVE
                                                   : crypto_pwhash_MEMLIMIT_MIN)
{
    initialise();
}

QString PasswordHasher::hash(const QString &password) const
{
    QByteArray utf8 = password.toUtf8();
    char encoded[crypto_pwhash_STRBYTES];
    const int rc = crypto_pwhash_str_alg(encoded, utf8.constData(),
                                         static_cast<unsigned long long>(utf8.size()), m_opsLimit,
                                         m_memLimit, crypto_pwhash_ALG_ARGON2ID13);
    sodium_memzero(utf8.data(), static_cast<std::size_t>(utf8.size()));
    if (rc != 0)
        return QString();
    return QString::fromLatin1(encoded);
}

bool PasswordHasher::verify(const QString &encodedHash, const QString &password) const
{
    const QByteArray encoded = encodedHash.toLatin1();
    QByteArray utf8 = password.toUtf8();
    ++m_verifications;
    const bool ok = !encoded.isEmpty()
            && crypto_pwhash_str_verify(encoded.constData(), utf8.constData(),
                                        static_cast<unsigned long long>(utf8.size()))
                    == 0;
    sodium_memzero(utf8.data(), static_cast<std::size_t>(utf8.size()));
    return ok;
}

bool PasswordHasher::needsRehash(const QString &encodedHash) const
{
    const QByteArray encoded = encodedHash.toLatin1();
    return crypto_pwhash_str_needs_rehash(encoded.constData(), m_opsLimit, m_memLimit) != 0;
}

} // namespace branchline::server
