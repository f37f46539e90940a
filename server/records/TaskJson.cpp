// SPDX-License-Identifier: GPL-3.0-or-later
#include "TaskJson.h"

namespace branchline {

// The client's task fields, and the branch the server keeps with each (after the owner,
// as the schema lists it).
const FieldMap<server::ServerTask> &FieldsOf<server::ServerTask>::map()
{
    using R = server::ServerTask;
    static const FieldMap<R> map = [] {
        FieldMap<R> lifted;
        for (const FieldAccess<Task> &field : FieldsOf<Task>::map()) {
            lifted << field.lifted<R>();
            if (field.key == QLatin1String("owner_id"))
                lifted << fields::text<R>(QLatin1String("branch_id"), &R::branchId);
        }
        return lifted;
    }();
    return map;
}

} // namespace branchline

namespace branchline::server {

QStringList TaskJson::filterColumns()
{
    return { QStringLiteral("status"), QStringLiteral("priority") };
}

QString TaskJson::notFound(const QString &id)
{
    return tr("There is no task %1 that you may see.").arg(id);
}

std::optional<QString> TaskJson::deleteRefusal(Role role)
{
    if (role == Role::RiskOfficer || role == Role::Admin)
        return tr("Tasks are deleted by the people who work them.");
    return std::nullopt;
}

} // namespace branchline::server
