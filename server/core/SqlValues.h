// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QVariant>

namespace branchline::server {

// Qt's SQL drivers bind a null QString as SQL NULL. These say which one is meant.

// '' for an empty value: for NOT NULL text columns.
inline QString textValue(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

// NULL for an empty value: for optional references and dates.
inline QVariant nullableText(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

// "?, ?, ?" for an IN list of `count` bound values (count >= 1).
inline QString placeholders(qsizetype count)
{
    return QStringLiteral("?, ").repeated(int(count) - 1) + QStringLiteral("?");
}

} // namespace branchline::server
