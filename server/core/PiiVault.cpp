// SPDX-License-Identifier: GPL-3.0-or-later
#include "PiiVault.h"

#include "domain/rules/IdentifierCheck.h"
#include "domain/rules/MobileNumber.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QVarLengthArray>

#include <atomic>
#include <mutex>
#include <sodium.h>
#include <utility>

Q_LOGGING_CATEGORY(lcPii, "branchline.server.pii")

namespace branchline::server {

namespace {

constexpr auto nonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr auto tagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(KeyRing::keyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(KeyRing::keyBytes == crypto_auth_hmacsha256_KEYBYTES);
constexpr QByteArray::Base64Options base64 =
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

std::atomic<bool> clearText{ false };
std::atomic<qint64> refreshEveryMs{ 30000 };
std::atomic<qint64> lastRefreshMs{ 0 };
std::atomic<int> lastMissingKey{ 0 };
std::atomic<qint64> lastMissingMs{ 0 };
std::mutex refreshMutex;
QString lastRefreshWarning; // under refreshMutex: said once, not every period

qint64 monotonicMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

// The installed ring, taken again only when another has been installed: a list of fifty
// customers opens about 150 values, each of which would otherwise take KeyRing's lock.
//
// The generation is read before the ring: install() replaces the ring and then counts, both
// under its lock, so a ring taken here is never older than the generation recorded with it
// (at worst a newer one, taken again on the next call). The pointer returned stays valid
// until this thread calls again: this thread's copy keeps the ring alive, and installed
// rings are never changed (KeyRing::install()). A thread that stops asking keeps its last
// ring until it asks again or ends; its keys are those of the folder, which are never
// deleted, and are wiped when the last copy goes (~KeyRing).
const KeyRing *installedRing()
{
    thread_local std::shared_ptr<const KeyRing> ring;
    thread_local quint64 generation = ~quint64(0);
    const quint64 now = KeyRing::generation();
    if (now != generation) {
        ring = KeyRing::installed();
        generation = now;
    }
    return ring.get();
}

// The key's bytes are wiped when the copy goes, and those of the value it was taken from
// (a temporary on the stack, KeyRing::current() / find()) as soon as it is taken.
struct KeyCopy
{
    explicit KeyCopy(KeyRing::Key &&from)
        : key(from)
    {
        sodium_memzero(from.bytes.data(), from.bytes.size());
    }
    ~KeyCopy() { sodium_memzero(key.bytes.data(), key.bytes.size()); }
    KeyCopy(const KeyCopy &) = delete;
    KeyCopy &operator=(const KeyCopy &) = delete;
    KeyRing::Key key;
};

// "e1.<number>." and where the sealed bytes start; 0 when `stored` is not in that form.
int parsePrefix(const QString &stored, qsizetype *bodyStart)
{
    if (!stored.startsWith(QLatin1String("e1.")))
        return 0;
    int number = 0;
    qsizetype i = 3;
    for (; i < stored.size() && i < 10 && stored.at(i).isDigit(); ++i)
        number = number * 10 + stored.at(i).digitValue();
    if (i == 3 || i >= stored.size() || stored.at(i) != QLatin1Char('.') || stored.at(3) == u'0')
        return 0;
    *bodyStart = i + 1;
    return number;
}

} // namespace

PiiUnreadable::PiiUnreadable(const QString &what)
    : std::runtime_error(what.toStdString())
{
}

QByteArray PiiVault::associatedData(const PiiPlace &place)
{
    // Unit separators keep ("ab", "c") and ("a", "bc") apart. Tables, columns and ids are
    // ASCII; anything else is taken as UTF-8.
    QByteArray ad;
    ad.reserve(20 + 4 * (place.table.size() + place.column.size() + place.recordId.size()));
    ad.append("branchline-pii-v1\x1f");
    ad.append(place.table.toUtf8()).append('\x1f');
    ad.append(place.column.toUtf8()).append('\x1f');
    ad.append(place.recordId.toUtf8());
    return ad;
}

const KeyRing *PiiVault::ring()
{
    // When the interval has passed, one thread reads the folder; the others go on with the
    // ring they have rather than queue behind it to read the folder again each.
    qint64 last = lastRefreshMs.load();
    const qint64 now = monotonicMs();
    if (now - last >= refreshEveryMs.load() && lastRefreshMs.compare_exchange_strong(last, now)) {
        QString ignored;
        refresh(&ignored);
    }
    return installedRing();
}

bool PiiVault::seal(const QString &clear, const PiiPlace &place, QString *sealed, QString *error)
{
    if (clear.isEmpty()) {
        *sealed = QString();
        return true;
    }
    if (clearText.load(std::memory_order_relaxed)) {
        *sealed = clear;
        return true;
    }
    const KeyRing *keys = ring();
    const KeyCopy data(keys ? keys->current(KeyRing::Purpose::Data) : KeyRing::Key());
    if (!data.key.isValid()) {
        *error = tr("The key folder %1 holds no data key, so personal data cannot be stored.")
                         .arg(keys ? keys->directory() : QString());
        return false;
    }
    *sealed = sealWith(data.key, clear, place);
    return true;
}

QString PiiVault::sealWith(const KeyRing::Key &key, const QString &clear, const PiiPlace &place)
{
    if (clear.isEmpty())
        return QString();
    sodiumReady();
    QByteArray plain = clear.toUtf8();
    const QByteArray ad = associatedData(place);
    QByteArray box(qsizetype(nonceBytes) + plain.size() + qsizetype(tagBytes), Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(box.data());
    randombytes_buf(out, nonceBytes);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
            out + nonceBytes, &written, reinterpret_cast<const unsigned char *>(plain.constData()),
            static_cast<unsigned long long>(plain.size()),
            reinterpret_cast<const unsigned char *>(ad.constData()),
            static_cast<unsigned long long>(ad.size()), nullptr, out, key.bytes.data());
    sodium_memzero(plain.data(), static_cast<size_t>(plain.size()));
    return QStringLiteral("e1.") + QString::number(key.number) + QLatin1Char('.')
            + QString::fromLatin1(box.toBase64(base64));
}

int PiiVault::keyNumberOf(const QString &stored)
{
    qsizetype body = 0;
    return parsePrefix(stored, &body);
}

PiiVault::Problem PiiVault::open(const QString &stored, const PiiPlace &place, QString *clear,
                                 int *keyNumber)
{
    if (keyNumber)
        *keyNumber = 0;
    if (stored.isEmpty() || clearText.load(std::memory_order_relaxed)) {
        *clear = stored;
        return Problem::None;
    }
    qsizetype body = 0;
    const int number = parsePrefix(stored, &body);
    if (keyNumber)
        *keyNumber = number;
    if (number == 0)
        return Problem::NotSealed;
    // A plain pointer (installedRing()): copying the shared pointer would make every thread
    // write to one counter for every value.
    const KeyRing *keys = installedRing();
    KeyRing::Key found = keys ? keys->find(KeyRing::Purpose::Data, number) : KeyRing::Key();
    if (!found.isValid() && keys) {
        // A key made since this process read the folder (a rotation under way): its file was
        // written before any value under it, so reading the folder again finds it. A number
        // the folder did not have a moment ago is not looked for again for a second, however
        // many values under it come by.
        const qint64 now = monotonicMs();
        if (number != lastMissingKey.load() || now - lastMissingMs.load() >= 1000) {
            QString ignored;
            refresh(&ignored);
            keys = installedRing(); // the one just read, or one installed meanwhile
            found = keys ? keys->find(KeyRing::Purpose::Data, number) : KeyRing::Key();
            if (!found.isValid()) {
                lastMissingKey = number;
                lastMissingMs = now;
            }
        }
    }
    const KeyCopy data(std::move(found));
    if (!data.key.isValid())
        return Problem::UnknownKey;
    // Decoded on the stack: a list of customers opens a few hundred values.
    const qsizetype encoded = stored.size() - body;
    QVarLengthArray<char, 512> text(encoded);
    for (qsizetype i = 0; i < encoded; ++i) {
        const char16_t c = stored.at(body + i).unicode();
        if (c > 127)
            return Problem::Refused;
        text[i] = char(c);
    }
    QVarLengthArray<unsigned char, 512> box(encoded);
    size_t boxSize = 0;
    sodiumReady();
    if (sodium_base642bin(box.data(), size_t(box.size()), text.constData(), size_t(encoded),
                          nullptr, &boxSize, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING)
                != 0
        || boxSize < nonceBytes + tagBytes)
        return Problem::Refused;
    const QByteArray ad = associatedData(place);
    QVarLengthArray<unsigned char, 512> plain(qsizetype(boxSize - nonceBytes - tagBytes));
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
                plain.data(), &length, nullptr, box.constData() + nonceBytes, boxSize - nonceBytes,
                reinterpret_cast<const unsigned char *>(ad.constData()),
                static_cast<unsigned long long>(ad.size()), box.constData(), data.key.bytes.data())
        != 0)
        return Problem::Refused;
    *clear =
            QString::fromUtf8(reinterpret_cast<const char *>(plain.constData()), qsizetype(length));
    sodium_memzero(plain.data(), size_t(plain.size()));
    return Problem::None;
}

QString PiiVault::openOrThrow(const QString &stored, const PiiPlace &place)
{
    QString clear;
    int number = 0;
    const Problem problem = open(stored, place, &clear, &number);
    if (problem != Problem::None)
        throw PiiUnreadable(describe(problem, place, number));
    return clear;
}

QString PiiVault::describe(Problem problem, const PiiPlace &place, int keyNumber)
{
    const QString where = tr("%1.%2 of record %3").arg(place.table, place.column, place.recordId);
    const std::shared_ptr<const KeyRing> keys = KeyRing::installed();
    const QString folder = keys ? keys->directory() : QString();
    switch (problem) {
    case Problem::None:
        break;
    case Problem::NotSealed:
        return tr("The personal data in %1 is not encrypted: it was written around the server.")
                .arg(where);
    case Problem::UnknownKey:
        return tr("The personal data in %1 is encrypted under data key %2, which is not in the "
                  "key folder %3. Restore data-%2.key from the key folder's backup.")
                .arg(where)
                .arg(keyNumber)
                .arg(folder);
    case Problem::Refused:
        return tr("The personal data in %1 does not decrypt with data key %2 of the key folder "
                  "%3: the value was changed or copied from elsewhere, or data-%2.key is not the "
                  "key it was encrypted with.")
                .arg(where)
                .arg(keyNumber)
                .arg(folder);
    }
    return QString();
}

QString PiiVault::normalised(PiiKind kind, const QString &value)
{
    switch (kind) {
    case PiiKind::Phone:
        return MobileNumber::check(value).normalized;
    case PiiKind::CreditCode:
    case PiiKind::ResidentId:
        return IdentifierCheck::clean(value);
    case PiiKind::Email:
        return value.trimmed().toLower();
    case PiiKind::Account: {
        QString digits;
        digits.reserve(value.size());
        for (const QChar c : value)
            if (c >= u'0' && c <= u'9')
                digits.append(c);
        return digits;
    }
    case PiiKind::Name:
        return value.simplified();
    }
    return value;
}

bool PiiVault::blindIndex(PiiKind kind, const QString &table, const QString &column,
                          const QString &value, QString *index, QString *error)
{
    const QString normal = value.isEmpty() ? QString() : normalised(kind, value);
    if (normal.isEmpty()) {
        *index = QString();
        return true;
    }
    if (clearText.load(std::memory_order_relaxed)) {
        *index = normal;
        return true;
    }
    const KeyRing *keys = installedRing();
    const KeyCopy key(keys ? keys->current(KeyRing::Purpose::Index) : KeyRing::Key());
    if (!key.key.isValid()) {
        *error = tr("The key folder %1 holds no index key, so personal data cannot be indexed.")
                         .arg(keys ? keys->directory() : QString());
        return false;
    }
    sodiumReady();
    const QByteArray message = QByteArrayLiteral("branchline-bidx-v1\x1f") + table.toUtf8() + '\x1f'
            + column.toUtf8() + '\x1f' + normal.toUtf8();
    QByteArray mac(crypto_auth_hmacsha256_BYTES, Qt::Uninitialized);
    crypto_auth_hmacsha256(reinterpret_cast<unsigned char *>(mac.data()),
                           reinterpret_cast<const unsigned char *>(message.constData()),
                           static_cast<unsigned long long>(message.size()), key.key.bytes.data());
    *index = QString::fromLatin1(mac.toBase64(base64));
    return true;
}

bool PiiVault::refresh(QString *error)
{
    std::lock_guard<std::mutex> lock(refreshMutex);
    lastRefreshMs = monotonicMs();
    const std::shared_ptr<const KeyRing> base = KeyRing::installed();
    if (!base)
        return true;
    auto fresh = std::make_shared<KeyRing>();
    // KeyRing::open() makes a missing folder; a folder that went away must not come back
    // empty and take the keys with it.
    if (!QFileInfo(base->directory()).isDir())
        *error = tr("The key folder %1 is gone; the keys read before stay in use.")
                         .arg(base->directory());
    else if (!fresh->open(base->directory(), error))
        *error = tr("The key folder cannot be read again (%1); the keys read before stay in use.")
                         .arg(*error);
    else
        for (KeyRing::Purpose purpose :
             { KeyRing::Purpose::Audit, KeyRing::Purpose::Data, KeyRing::Purpose::Index })
            if (fresh->currentNumber(purpose) < base->currentNumber(purpose))
                *error = tr("The %1 key %2 is missing from the key folder %3; the keys read "
                            "before stay in use.")
                                 .arg(KeyRing::purposeName(purpose))
                                 .arg(base->currentNumber(purpose))
                                 .arg(base->directory());
    if (!error->isEmpty()) {
        if (*error != lastRefreshWarning)
            qCWarning(lcPii).noquote() << *error;
        lastRefreshWarning = *error;
        return false;
    }
    lastRefreshWarning.clear();
    const int before = base->currentNumber(KeyRing::Purpose::Data);
    const int after = fresh->currentNumber(KeyRing::Purpose::Data);
    // Another thread may have installed a ring meanwhile (a rotation in this process): keep it.
    if (KeyRing::installInstead(base, std::move(fresh)) && after != before)
        qCInfo(lcPii) << "personal data is now encrypted under data key" << after;
    return true;
}

std::chrono::milliseconds PiiVault::refreshInterval()
{
    return std::chrono::milliseconds(refreshEveryMs.load());
}

void PiiVault::setRefreshInterval(std::chrono::milliseconds interval)
{
    refreshEveryMs = interval.count();
}

void PiiVault::setClearTextForBenchmark(bool clear)
{
    clearText = clear;
}

bool PiiVault::clearTextForBenchmark()
{
    return clearText.load();
}

} // namespace branchline::server
