// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QString>

#include <array>
#include <memory>

namespace branchline::server {

// The server's secrets that must never be in the database, so that a copy of the database (a
// backup, a pg_dump, a stolen disk) is useless without them: the key of the audit chain's
// MACs, and the keys that encrypt personal data and index it for exact lookups.
//
// Each key is a file of 32 random bytes, "<purpose>-<number>.key", in one folder that only
// the service user may enter (0700; files 0600). The highest number of a purpose is its
// current key; older ones stay so that what they made can still be verified or decrypted.
// A folder or file that others may read is refused: a key anyone on the machine can read
// protects nothing.
class KeyRing
{
    Q_DECLARE_TR_FUNCTIONS(KeyRing)

public:
    enum class Purpose {
        Audit, // HMAC of the audit chain
        Data, // AEAD of personal data at rest
        Index, // HMAC of normalised personal data: the blind index for exact lookups
    };
    static constexpr int keyBytes = 32;

    struct Key
    {
        int number = 0; // 0: no key
        std::array<unsigned char, keyBytes> bytes{};
        bool isValid() const { return number > 0; }
    };

    KeyRing() = default;
    ~KeyRing();
    KeyRing(const KeyRing &) = delete;
    KeyRing &operator=(const KeyRing &) = delete;

    // Reads every key in `directory`, creating the folder (0700) if it does not exist.
    // False with the reason when the folder or a key file is open to others, a key file has
    // the wrong size, or something cannot be read.
    bool open(const QString &directory, QString *error);
    QString directory() const { return m_directory; }

    bool has(Purpose purpose) const { return currentNumber(purpose) > 0; }
    // The number of the current key of `purpose`, 0 when there is none; no copy of its bytes.
    int currentNumber(Purpose purpose) const;
    // A copy of the current key: the caller wipes its bytes when done.
    Key current(Purpose purpose) const;
    // The key `number` of `purpose`; invalid when there is none.
    Key find(Purpose purpose, int number) const;
    // Writes a new random key of `purpose` with the next number (to a temporary file, then
    // renamed, mode 0600) and makes it the current one.
    bool create(Purpose purpose, Key *created, QString *error);

    static QString purposeName(Purpose purpose);

    // The ring this process uses: installed once the settings are known (the server, the
    // administration commands, test fixtures), replaced whole when keys are reread, so a
    // reader always holds one consistent ring.
    static void install(std::shared_ptr<const KeyRing> ring);
    static std::shared_ptr<const KeyRing> installed();
    // install(), only while `expected` is the installed ring: a reader that read the folder
    // again does not undo a ring installed meanwhile. False when another was installed.
    static bool installInstead(const std::shared_ptr<const KeyRing> &expected,
                               std::shared_ptr<const KeyRing> ring);
    // Counts install() calls: a reader that keeps the ring it last took (PiiVault, once per
    // value on hot paths) takes it again only when this has moved.
    static quint64 generation();

private:
    static QString fileName(Purpose purpose, int number);
    bool readKey(const QString &path, Purpose purpose, int number, QString *error);

    QString m_directory;
    QHash<int, QHash<int, Key>> m_keys; // purpose -> number -> key
};

} // namespace branchline::server
