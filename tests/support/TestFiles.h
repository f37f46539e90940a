// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "keys/SecretBytes.h"

#include <QByteArray>
#include <QString>

namespace branchline::test {

// SHA-256 of a file's bytes, to prove an operation left it exactly as it was.
QByteArray fileHash(const QString &path);

// A fixed 256-bit key, so a test can open the same store twice.
SecretBytes testKey(unsigned char seed = 0x42);

// Overwrites `count` bytes at `offset` with their bitwise complement.
bool flipBytes(const QString &path, qint64 offset, int count);

// Runs a program and returns its exit code; stdout/stderr land in the given strings.
int runProgram(const QString &program, const QStringList &arguments, const QByteArray &input,
               QString *out, QString *err);

} // namespace branchline::test
