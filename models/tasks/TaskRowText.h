// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "repositories/TaskAgendaQueries.h"

#include <QCoreApplication>

namespace branchline {

// How a task's row is put into words, for the list and its reminders alike.
class TaskRowText
{
    Q_DECLARE_TR_FUNCTIONS(TaskRowText)

public:
    // "杭州西湖龙井茶叶有限公司", "王建华 (杭州西湖龙井茶叶有限公司)", "Lead: 王建华, 公司".
    static QString related(const TaskRow &row);
    // The notes, when it was completed, and whether it waits for the server.
    static QString details(const TaskRow &row, const QDateTime &now);
};

} // namespace branchline
