// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SchemaRecordKind.h"
#include "core/Authenticator.h"
#include "core/DataScope.h"
#include "domain/records/Activity.h"
#include "domain/rules/FieldPolicy.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlQuery>
#include <QStringList>

#include <optional>

namespace branchline::server {

// An entry of the timeline, for RecordService. Scoped through the customer, contact or lead
// it is about; written by the caller (the author is never taken from the request: a client
// may only name itself); and
// append-only: once written it is neither changed nor deleted, which is what lets sync merge
// timelines as sets.
class ActivityJson : public SchemaRecordKind<ActivityJson, Activity>
{
    Q_DECLARE_TR_FUNCTIONS(ActivityJson)

public:
    using Record = Activity;
    static constexpr RecordType type = RecordType::Activity;
    static QString nameColumn() { return QStringLiteral("subject"); }
    static QStringList filterColumns();
    static bool exactMatch(const QString &, QString *, QString *) { return false; }
    static QString notFound(const QString &id);
    static std::optional<QString> deleteRefusal(Role role);
    static std::optional<QString> updateRefusal();

    static QString scopeCondition(const DataScope &scope, QVariantList *values);
    // The keys of the record it belongs to; none when that record is gone.
    static bool scopeKeys(QSqlDatabase &db, const Activity &activity, ScopeKeys *keys,
                          QString *error);
    static bool inScope(QSqlDatabase &db, const DataScope &scope, const Activity &activity,
                        bool *inside, QString *error);
    static void applyDefaults(Activity &activity, const Caller &caller);
    // The author is whoever writes the entry. A client names itself in author_id (its row
    // has the column); naming anyone else is refused, and the server stamps it either way.
    static std::optional<QString> checkWrite(const Caller &caller, const Activity *before,
                                             Activity &activity, QStringList *set);
    static void stamp(Activity &activity, const Caller &caller)
    {
        activity.authorId = caller.userId;
    }
};

} // namespace branchline::server
