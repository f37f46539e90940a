// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyRing.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <sodium.h>
#include <unistd.h>

namespace branchline::server {

namespace {

constexpr QFileDevice::Permissions othersMay = QFileDevice::ReadGroup | QFileDevice::WriteGroup
        | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
        | QFileDevice::ExeOther;

std::mutex installedMutex;
std::shared_ptr<const KeyRing> installedRing;
std::atomic<quint64> installations{ 0 };

QString systemError()
{
    return QString::fromLocal8Bit(strerror(errno));
}

} // namespace

KeyRing::~KeyRing()
{
    for (auto &byNumber : m_keys)
        for (Key &key : byNumber)
            sodium_memzero(key.bytes.data(), key.bytes.size());
}

QString KeyRing::purposeName(Purpose purpose)
{
    switch (purpose) {
    case Purpose::Audit:
        return QStringLiteral("audit");
    case Purpose::Data:
        return QStringLiteral("data");
    case Purpose::Index:
        return QStringLiteral("index");
    }
    return QStringLiteral("unknown");
}

QString KeyRing::fileName(Purpose purpose, int number)
{
    return QStringLiteral("%1-%2.key").arg(purposeName(purpose)).arg(number);
}

bool KeyRing::open(const QString &directory, QString *error)
{
    m_directory = QDir::cleanPath(QDir(directory).absolutePath());
    QDir dir(m_directory);
    if (!dir.exists()) {
        if (!QDir().mkpath(m_directory)
            || !QFile::setPermissions(m_directory,
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                              | QFileDevice::ExeOwner)) {
            *error = tr("Cannot create the key folder %1.").arg(m_directory);
            return false;
        }
    }
    if (QFileInfo(m_directory).permissions() & othersMay) {
        *error = tr("The key folder %1 may be read by other users; allow only the service user "
                    "(chmod 700).")
                         .arg(m_directory);
        return false;
    }
    static const QRegularExpression name(
            QStringLiteral("^(audit|data|index)-([1-9][0-9]{0,5})\\.key$"));
    const QStringList files = dir.entryList(QDir::Files | QDir::Hidden, QDir::Name);
    for (const QString &file : files) {
        const QRegularExpressionMatch match = name.match(file);
        if (!match.hasMatch())
            continue; // temporary files of an interrupted create(), notes of an administrator
        const QString kind = match.captured(1);
        const Purpose purpose = kind == QLatin1String("audit")
                ? Purpose::Audit
                : (kind == QLatin1String("data") ? Purpose::Data : Purpose::Index);
        if (!readKey(dir.filePath(file), purpose, match.captured(2).toInt(), error))
            return false;
    }
    return true;
}

bool KeyRing::readKey(const QString &path, Purpose purpose, int number, QString *error)
{
    if (QFileInfo(path).permissions() & othersMay) {
        *error = tr("The key file %1 may be read by other users; allow only the service user "
                    "(chmod 600).")
                         .arg(path);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the key file %1: %2").arg(path, file.errorString());
        return false;
    }
    Key key;
    key.number = number;
    const qint64 read = file.read(reinterpret_cast<char *>(key.bytes.data()), keyBytes);
    char extra = 0;
    if (read != keyBytes || file.read(&extra, 1) != 0) {
        sodium_memzero(key.bytes.data(), key.bytes.size());
        *error = tr("The key file %1 is damaged: a key is exactly %2 bytes.")
                         .arg(path)
                         .arg(keyBytes);
        return false;
    }
    m_keys[int(purpose)].insert(number, key);
    sodium_memzero(key.bytes.data(), key.bytes.size());
    return true;
}

// Both look into the hash in place: a copy of it would count a reference on data every
// thread shares, once per personal data value read (PiiVault).
int KeyRing::currentNumber(Purpose purpose) const
{
    const auto keys = m_keys.constFind(int(purpose));
    if (keys == m_keys.cend())
        return 0;
    int highest = 0;
    for (auto it = keys->cbegin(); it != keys->cend(); ++it)
        highest = std::max(highest, it.key());
    return highest;
}

KeyRing::Key KeyRing::current(Purpose purpose) const
{
    return find(purpose, currentNumber(purpose));
}

KeyRing::Key KeyRing::find(Purpose purpose, int number) const
{
    const auto keys = m_keys.constFind(int(purpose));
    return keys == m_keys.cend() ? Key() : keys->value(number);
}

bool KeyRing::create(Purpose purpose, Key *created, QString *error)
{
    Key key;
    key.number = currentNumber(purpose) + 1;
    randombytes_buf(key.bytes.data(), key.bytes.size());
    const QString finalPath = QDir(m_directory).filePath(fileName(purpose, key.number));
    const QByteArray temporary =
            QFile::encodeName(finalPath + QStringLiteral(".%1.tmp").arg(::getpid()));
    bool ok = false;
    const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ok = ::write(fd, key.bytes.data(), key.bytes.size()) == ssize_t(key.bytes.size())
                && ::fsync(fd) == 0;
        ok = ::close(fd) == 0 && ok;
        // link() refuses to replace a key another process made under the same number.
        ok = ok && ::link(temporary.constData(), QFile::encodeName(finalPath).constData()) == 0;
    }
    if (!ok)
        *error = tr("Cannot write the key file %1: %2").arg(finalPath, systemError());
    ::unlink(temporary.constData());
    if (ok) {
        m_keys[int(purpose)].insert(key.number, key);
        if (created)
            *created = key;
    }
    sodium_memzero(key.bytes.data(), key.bytes.size());
    return ok;
}

void KeyRing::install(std::shared_ptr<const KeyRing> ring)
{
    std::lock_guard<std::mutex> lock(installedMutex);
    installedRing = std::move(ring);
    ++installations;
}

bool KeyRing::installInstead(const std::shared_ptr<const KeyRing> &expected,
                             std::shared_ptr<const KeyRing> ring)
{
    std::lock_guard<std::mutex> lock(installedMutex);
    if (installedRing != expected)
        return false;
    installedRing = std::move(ring);
    ++installations;
    return true;
}

quint64 KeyRing::generation()
{
    return installations.load();
}

std::shared_ptr<const KeyRing> KeyRing::installed()
{
    std::lock_guard<std::mutex> lock(installedMutex);
    return installedRing;
}

} // namespace branchline::server
