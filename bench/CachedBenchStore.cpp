// SPDX-License-Identifier: GPL-3.0-or-later
#include "CachedBenchStore.h"

#include "CApiStore.h"
#include "store/LocalStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cstdio>

namespace branchline {

CachedBenchStore::CachedBenchStore(QString path)
    : m_path(std::move(path))
{
}

SecretBytes CachedBenchStore::key() const
{
    return SecretBytes(m_key.constData(), std::size_t(m_key.size()));
}

QByteArray CachedBenchStore::keyLiteral() const
{
    return key().toRawKeyLiteral().toByteArray();
}

bool CachedBenchStore::prepare(QString *error)
{
    QDir().mkpath(QFileInfo(m_path).path());
    QFile keyFile(m_path + QStringLiteral(".key"));
    if (QFile::exists(m_path) && keyFile.open(QIODevice::ReadOnly)) {
        m_key = QByteArray::fromHex(keyFile.readAll().trimmed());
        keyFile.close();
        QString why;
        if (m_key.size() == 32 && isUsable(&why))
            return true;
        std::fprintf(stderr, "%s is made again: %s\n", qPrintable(m_path), qPrintable(why));
    }
    return build(error);
}

bool CachedBenchStore::build(QString *error)
{
    for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
        QFile::remove(m_path + suffix);
    m_key = QByteArray(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(m_key.data()), 8);
    QFile keyFile(m_path + QStringLiteral(".key"));
    if (!keyFile.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || !keyFile.setPermissions(QFile::ReadOwner | QFile::WriteOwner)
        || keyFile.write(m_key.toHex() + '\n') < 0) {
        *error = QStringLiteral("cannot write %1").arg(keyFile.fileName());
        return false;
    }
    keyFile.close();

    const QString building = m_path + QStringLiteral(".part");
    QFile::remove(building);
    {
        // A new store as the product makes it on a first start: the current schema.
        LocalStore local(building);
        if (!local.open(key(), LocalStore::KeyKind::Raw, true)) {
            *error = local.lastError().detail;
            return false;
        }
    }
    QElapsedTimer clock;
    clock.start();
    {
        CApiStore store;
        if (!store.open(building, keyLiteral(), error) || !fill(store, error)
            || !store.exec("PRAGMA wal_checkpoint(TRUNCATE)", error))
            return false;
    }
    std::fprintf(stderr, "%s made in %.0f s\n", qPrintable(m_path), double(clock.elapsed()) / 1000);
    QFile::remove(building + QStringLiteral("-wal"));
    QFile::remove(building + QStringLiteral("-shm"));
    if (!QFile::rename(building, m_path)) {
        *error = QStringLiteral("cannot keep the store in %1").arg(m_path);
        return false;
    }
    return true;
}

} // namespace branchline
