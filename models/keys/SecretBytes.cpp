// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretBytes.h"

#include <QRandomGenerator>
#include <QString>

#include <cstring>
#include <string.h> // explicit_bzero
#include <utility>

namespace branchline {

SecretBytes::SecretBytes(std::size_t size)
    : m_data(size ? new unsigned char[size]() : nullptr)
    , m_size(size)
{
}

SecretBytes::SecretBytes(const char *data, std::size_t size)
    : SecretBytes(size)
{
    if (size)
        std::memcpy(m_data, data, size);
}

SecretBytes::~SecretBytes()
{
    clear();
}

SecretBytes::SecretBytes(SecretBytes &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{
}

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept
{
    if (this != &other) {
        clear();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecretBytes SecretBytes::random(std::size_t size)
{
    SecretBytes key(size);
    // QRandomGenerator::system() reads the kernel's CSPRNG (getrandom on Linux,
    // BCryptGenRandom on Windows, SecRandomCopyBytes on macOS).
    auto *generator = QRandomGenerator::system();
    for (std::size_t i = 0; i < size; ++i)
        key.m_data[i] = static_cast<unsigned char>(generator->generate() & 0xffU);
    return key;
}

SecretBytes SecretBytes::takeFrom(QByteArray &bytes)
{
    SecretBytes secret(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    wipe(bytes);
    return secret;
}

SecretBytes SecretBytes::toRawKeyLiteral() const
{
    static const char digits[] = "0123456789ABCDEF";
    SecretBytes literal(m_size * 2 + 3);
    unsigned char *out = literal.m_data;
    *out++ = 'x';
    *out++ = '\'';
    for (std::size_t i = 0; i < m_size; ++i) {
        *out++ = static_cast<unsigned char>(digits[m_data[i] >> 4]);
        *out++ = static_cast<unsigned char>(digits[m_data[i] & 0x0f]);
    }
    *out = '\'';
    return literal;
}

QByteArray SecretBytes::toByteArray() const
{
    return QByteArray(reinterpret_cast<const char *>(m_data), static_cast<qsizetype>(m_size));
}

bool SecretBytes::operator==(const SecretBytes &other) const
{
    if (m_size != other.m_size)
        return false;
    unsigned char difference = 0; // constant time: no early exit on the first mismatch
    for (std::size_t i = 0; i < m_size; ++i)
        difference |= static_cast<unsigned char>(m_data[i] ^ other.m_data[i]);
    return difference == 0;
}

void SecretBytes::clear()
{
    if (m_data) {
        wipe(m_data, m_size);
        delete[] m_data;
    }
    m_data = nullptr;
    m_size = 0;
}

void SecretBytes::wipe(void *data, std::size_t size)
{
    if (data && size)
        explicit_bzero(data, size);
}

void SecretBytes::wipe(QByteArray &bytes)
{
    if (!bytes.isDetached())
        bytes.detach(); // never scribble over a buffer someone else still reads
    wipe(bytes.data(), static_cast<std::size_t>(bytes.size()));
    bytes.clear();
}

void SecretBytes::wipe(QString &text)
{
    if (!text.isDetached())
        text.detach();
    wipe(text.data(), static_cast<std::size_t>(text.size()) * sizeof(QChar));
    text.clear();
}

} // namespace branchline
