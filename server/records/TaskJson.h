// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OwnedRecordKind.h"
#include "SchemaRecordKind.h"
#include "domain/records/Task.h"
#include "domain/rules/FieldPolicy.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

namespace branchline::server {

// A task as the server keeps it: the client's task plus the branch it belongs to, the scope
// key a branch manager's view is filtered by.
struct ServerTask : Task
{
    QString branchId;
};

} // namespace branchline::server

namespace branchline {

template<>
struct FieldsOf<server::ServerTask>
{
    static constexpr RecordType type = RecordType::Task;
    static const FieldMap<server::ServerTask> &map();
};

} // namespace branchline

namespace branchline::server {

// A task on the wire and in the server's table, for RecordService.
class TaskJson : public OwnedRecordKind<ServerTask>, public SchemaRecordKind<TaskJson, ServerTask>
{
    Q_DECLARE_TR_FUNCTIONS(TaskJson)

public:
    using Record = ServerTask;
    static constexpr RecordType type = RecordType::Task;
    static QString nameColumn() { return QStringLiteral("title"); }
    static QStringList filterColumns();
    static bool exactMatch(const QString &, QString *, QString *) { return false; }
    static QString notFound(const QString &id);
    static std::optional<QString> deleteRefusal(Role role);
};

} // namespace branchline::server
