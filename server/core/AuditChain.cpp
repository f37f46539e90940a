// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditChain.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <sodium.h>

namespace branchline::server {

namespace {

// Changes whenever the encoding does, so an entry can never be read under another one.
constexpr char versionTag[] = "branchline.audit.v1";

void appendNumber(QByteArray *out, quint64 value)
{
    char bytes[8];
    qToBigEndian(value, bytes);
    out->append(bytes, sizeof bytes);
}

// 0x00 for SQL NULL; else 0x01, the UTF-8 length as 8 bytes, the UTF-8 bytes.
void appendText(QByteArray *out, const QString &text, bool isNull = false)
{
    if (isNull) {
        out->append('\0');
        return;
    }
    const QByteArray utf8 = text.toUtf8();
    out->append('\1');
    appendNumber(out, quint64(utf8.size()));
    out->append(utf8);
}

} // namespace

QString AuditChain::genesis()
{
    return QString(64, QLatin1Char('0'));
}

QByteArray AuditChain::canonical(const AuditRow &row)
{
    QByteArray out;
    out.reserve(160 + row.detail.size() * 3 + row.reason.size() * 3);
    out.append(versionTag, sizeof versionTag); // with its '\0'
    appendNumber(&out, quint64(row.seq));
    appendText(&out, row.at);
    appendText(&out, row.actorId.toString(), row.actorId.isNull());
    appendText(&out, row.action);
    appendText(&out, row.entity);
    appendText(&out, row.entityId);
    appendText(&out, row.reason);
    appendText(&out, row.detail);
    appendNumber(&out, quint64(row.keyNumber));
    appendText(&out, row.previous);
    return out;
}

QString AuditChain::mac(const KeyRing::Key &key, const AuditRow &row)
{
    static_assert(KeyRing::keyBytes == crypto_auth_hmacsha256_KEYBYTES);
    const QByteArray message = canonical(row);
    unsigned char out[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(out, reinterpret_cast<const unsigned char *>(message.constData()),
                           quint64(message.size()), key.bytes.data());
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(out), sizeof out).toHex());
}

bool AuditChain::macMatches(const KeyRing::Key &key, const AuditRow &row)
{
    const QByteArray stored = QByteArray::fromHex(row.link.toLatin1());
    if (row.link.size() != 2 * crypto_auth_hmacsha256_BYTES
        || stored.size() != crypto_auth_hmacsha256_BYTES)
        return false;
    const QByteArray message = canonical(row);
    return crypto_auth_hmacsha256_verify(
                   reinterpret_cast<const unsigned char *>(stored.constData()),
                   reinterpret_cast<const unsigned char *>(message.constData()),
                   quint64(message.size()), key.bytes.data())
            == 0;
}

QString AuditChain::legacyHash(const AuditRow &row)
{
    // The encoding of the server before migration 12, kept to check the entries it wrote.
    const QChar separator(0x1f);
    const QString canonical = QString::number(row.seq) + separator + row.at + separator
            + row.actorId.toString() + separator + row.action + separator + row.entity + separator
            + row.entityId + separator + row.reason + separator + row.detail + separator
            + row.previous;
    return QString::fromLatin1(
            QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace branchline::server
