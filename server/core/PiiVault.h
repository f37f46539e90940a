// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyRing.h"
#include "domain/rules/Masking.h"

#include <QCoreApplication>
#include <QString>

#include <chrono>
#include <memory>
#include <stdexcept>

namespace branchline::server {

// Where a stored value belongs. It is bound into the value's ciphertext (the AEAD's
// associated data), so a value copied into another row, column or table does not decrypt.
struct PiiPlace
{
    QString table;
    QString column;
    QString recordId;
};

// A stored value that does not decrypt, thrown from the row readers (which have no other
// way to refuse): never shown as garbage, never as empty. The HTTP router answers it with
// a 500 of its own code; the message names the place and the key, never the value.
class PiiUnreadable : public std::runtime_error
{
public:
    explicit PiiUnreadable(const QString &what);
};

// Personal data at rest: the one place that encrypts, decrypts and indexes it.
//
// A value is sealed with XChaCha20-Poly1305 (libsodium, IETF construction) under the
// current data key of the process's KeyRing, with a fresh random nonce, and stored as text:
//
//   e1.<key number>.<base64url(nonce || ciphertext || tag)>
//
// so values under old and new keys live side by side while the keys rotate. The key folder
// is read again when a value names a key this process does not hold, and every
// refreshInterval() (30 s), so instances serving one database move to a new key on their
// own. Exact lookups use a blind index: HMAC-SHA256 under the index key of the normalised
// value (phones as their 11 digits, identifiers upper-case, e-mail lower-case, accounts as
// digits), bound to its table and column, so equal values in different columns do not
// match each other.
class PiiVault
{
    Q_DECLARE_TR_FUNCTIONS(PiiVault)

public:
    enum class Problem {
        None,
        NotSealed, // not in the sealed form at all
        UnknownKey, // names a data key the key folder does not hold
        Refused, // does not authenticate: another key, another place, or changed
    };

    // `clear` sealed for `place`; a null or empty value stays null (nothing to hide). False
    // when there is no data key.
    static bool seal(const QString &clear, const PiiPlace &place, QString *sealed, QString *error);
    // The same under a given key (the key rotation, tests standing in for an instance that
    // has not yet seen a new key).
    static QString sealWith(const KeyRing::Key &key, const QString &clear, const PiiPlace &place);
    // The clear text of a stored value; a null stored value opens to a null one.
    static Problem open(const QString &stored, const PiiPlace &place, QString *clear,
                        int *keyNumber = nullptr);
    // open() for the row readers: throws PiiUnreadable when the value does not open.
    static QString openOrThrow(const QString &stored, const PiiPlace &place);
    // The data key a stored value names; 0 when it is not in the sealed form.
    static int keyNumberOf(const QString &stored);

    // The blind index of `value` in `column` of `table`; null for an empty value. False when
    // there is no index key.
    static bool blindIndex(PiiKind kind, const QString &table, const QString &column,
                           const QString &value, QString *index, QString *error);
    // The form the blind index is taken of.
    static QString normalised(PiiKind kind, const QString &value);

    // Says what a Problem means for a stored value at `place`, for logs and errors.
    static QString describe(Problem problem, const PiiPlace &place, int keyNumber);

    // Reads the key folder again and installs what it holds, unless that would lose a
    // current key (a folder emptied or moved away keeps the keys already read).
    static bool refresh(QString *error);
    static std::chrono::milliseconds refreshInterval();
    static void setRefreshInterval(std::chrono::milliseconds interval); // tests

    // bench_server_load's "without encryption" side, in the same run as the encrypted one:
    // values are stored and indexed as they are. Code only: no setting or option of the
    // server reaches it.
    static void setClearTextForBenchmark(bool clear);
    static bool clearTextForBenchmark();

private:
    // The ring to seal with (read again from the folder when refreshInterval() has passed);
    // kept alive by this thread until it next asks.
    static const KeyRing *ring();
    static QByteArray associatedData(const PiiPlace &place);
};

} // namespace branchline::server
