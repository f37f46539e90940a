// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDateTime>

namespace branchline {

// A due time said the way people say it: "14:00" today, "Tomorrow 09:00", "Yesterday 16:00",
// "Thu 14:00" within the coming week, a short date otherwise. Local time, in the locale's
// format.
class DueText
{
    Q_DECLARE_TR_FUNCTIONS(DueText)

public:
    static QString of(const QDateTime &due, const QDateTime &now);
    static QString time(const QDateTime &at);
};

} // namespace branchline
