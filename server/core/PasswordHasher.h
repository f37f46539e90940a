// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <atomic>

namespace branchline::server {

// Password hashes with argon2id (libsodium), in libsodium's self-describing encoded form,
// so the work factor can rise later without invalidating stored hashes.
class PasswordHasher
{
public:
    enum class Strength {
        Interactive, // 64 MiB, 2 passes: the production setting for logins
        Minimum, // only for tests that hash many passwords
    };

    explicit PasswordHasher(Strength strength = Strength::Interactive);

    // Returns an empty string if hashing failed (out of memory).
    QString hash(const QString &password) const;
    bool verify(const QString &encodedHash, const QString &password) const;
    // True when a stored hash was made with weaker settings than today's.
    bool needsRehash(const QString &encodedHash) const;
    // How many hashes verify() has computed: what a sign-in cost, for the tests that check
    // that every attempt costs one hash and a held-back attempt none.
    quint64 verifications() const { return m_verifications.load(); }

    // Makes libsodium ready; safe to call more than once. False if it cannot start.
    static bool initialise();

private:
    unsigned long long m_opsLimit;
    std::size_t m_memLimit;
    mutable std::atomic<quint64> m_verifications{ 0 };
};

} // namespace branchline::server
