// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestFiles.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>

namespace branchline::test {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

SecretBytes testKey(unsigned char seed)
{
    SecretBytes key(32);
    for (std::size_t i = 0; i < key.size(); ++i)
        key.data()[i] = static_cast<unsigned char>(seed + i * 7);
    return key;
}

bool flipBytes(const QString &path, qint64 offset, int count)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || !file.seek(offset))
        return false;
    QByteArray bytes = file.read(count);
    for (char &byte : bytes)
        byte = static_cast<char>(~byte);
    return file.seek(offset) && file.write(bytes) == bytes.size();
}

int runProgram(const QString &program, const QStringList &arguments, const QByteArray &input,
               QString *out, QString *err)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return -1;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000))
        return -2;
    if (out)
        *out = QString::fromUtf8(process.readAllStandardOutput());
    if (err)
        *err = QString::fromUtf8(process.readAllStandardError());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -3;
}

} // namespace branchline::test
