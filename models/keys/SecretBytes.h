// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <cstddef>

namespace branchline {

// Key material that is wiped when it goes out of scope.
//
// Move-only on purpose: a QByteArray would share its buffer implicitly, and a copy we
// never see could outlive the wipe. Hand the bytes to an API with withBytes() or
// toHex() and wipe what that API returns with wipe().
class SecretBytes
{
public:
    SecretBytes() = default;
    explicit SecretBytes(std::size_t size);
    SecretBytes(const char *data, std::size_t size);
    ~SecretBytes();

    SecretBytes(SecretBytes &&other) noexcept;
    SecretBytes &operator=(SecretBytes &&other) noexcept;
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;

    // A fresh key from the operating system's cryptographic random source.
    static SecretBytes random(std::size_t size);
    // Takes over `bytes` and wipes the caller's buffer.
    static SecretBytes takeFrom(QByteArray &bytes);

    bool isEmpty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    const unsigned char *data() const { return m_data; }
    unsigned char *data() { return m_data; }

    // SQLCipher's raw-key literal: x'<64 hex digits>'. The result is secret too.
    SecretBytes toRawKeyLiteral() const;
    // A detached QByteArray copy for APIs that only take one; wipe() it after use.
    QByteArray toByteArray() const;

    bool operator==(const SecretBytes &other) const;
    bool operator!=(const SecretBytes &other) const { return !(*this == other); }

    void clear();

    // Overwrites a buffer in a way the compiler may not optimise away.
    static void wipe(void *data, std::size_t size);
    static void wipe(QByteArray &bytes);
    static void wipe(QString &text);

private:
    unsigned char *m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace branchline
