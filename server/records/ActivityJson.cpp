// SPDX-License-Identifier: GPL-3.0-or-later
#include "ActivityJson.h"

#include <QSqlError>

namespace branchline::server {

QStringList ActivityJson::filterColumns()
{
    return { QStringLiteral("related_id"), QStringLiteral("kind") };
}

QString ActivityJson::notFound(const QString &id)
{
    return tr("There is no activity %1 that you may see.").arg(id);
}

std::optional<QString> ActivityJson::deleteRefusal(Role)
{
    return updateRefusal();
}

std::optional<QString> ActivityJson::updateRefusal()
{
    return tr("The timeline is append-only: an activity is never changed or deleted. Add a "
              "new one to correct it.");
}

QString ActivityJson::scopeCondition(const DataScope &scope, QVariantList *values)
{
    // The record each activity is about decides who sees it. Correlated EXISTS, not
    // "related_id IN (…)": with an IN list SQLite reads every activity through
    // activities_by_related and sorts them, for every page of a snapshot ordered by id
    // (a million-row snapshot took quadratic time); this way it walks the id index and
    // checks each row's record.
    const QString customers = scope.condition(QStringLiteral("c"), values);
    const QString leads = scope.condition(QStringLiteral("l"), values);
    const QString contacts = scope.condition(QStringLiteral("c"), values);
    return QStringLiteral(
                   "((activities.related_table = 'customers' AND EXISTS (SELECT 1 FROM customers c "
                   "WHERE c.id = activities.related_id AND c.deleted = 0 AND %1)) "
                   "OR (activities.related_table = 'leads' AND EXISTS (SELECT 1 FROM leads l "
                   "WHERE l.id = activities.related_id AND l.deleted = 0 AND %2)) "
                   "OR (activities.related_table = 'contacts' AND EXISTS (SELECT 1 FROM contacts "
                   "ct JOIN customers c ON c.id = ct.customer_id WHERE ct.id = "
                   "activities.related_id AND ct.deleted = 0 AND %3)))")
            .arg(customers, leads, contacts);
}

bool ActivityJson::scopeKeys(QSqlDatabase &db, const Activity &activity, ScopeKeys *keys,
                             QString *error)
{
    QString sql;
    if (activity.relatedTable == QLatin1String("customers"))
        sql = QStringLiteral("SELECT owner_id, branch_id FROM customers WHERE id = ? AND "
                             "deleted = 0");
    else if (activity.relatedTable == QLatin1String("leads"))
        sql = QStringLiteral("SELECT owner_id, branch_id FROM leads WHERE id = ? AND deleted = 0");
    else if (activity.relatedTable == QLatin1String("contacts"))
        sql = QStringLiteral("SELECT c.owner_id, c.branch_id FROM contacts ct JOIN customers c "
                             "ON c.id = ct.customer_id WHERE ct.id = ? AND ct.deleted = 0");
    *keys = ScopeKeys{};
    if (sql.isEmpty())
        return true;
    QSqlQuery query(db);
    query.prepare(sql);
    query.addBindValue(activity.relatedId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    if (query.next())
        *keys = ScopeKeys{ query.value(0).toString(), query.value(1).toString(), false };
    return true;
}

bool ActivityJson::inScope(QSqlDatabase &db, const DataScope &scope, const Activity &activity,
                           bool *inside, QString *error)
{
    ScopeKeys keys;
    if (!scopeKeys(db, activity, &keys, error))
        return false;
    *inside = scope.contains(keys);
    return true;
}

void ActivityJson::applyDefaults(Activity &activity, const Caller &caller)
{
    activity.authorId = caller.userId; // whoever writes it is its author, always
}

std::optional<QString> ActivityJson::checkWrite(const Caller &caller, const Activity *,
                                                Activity &activity, QStringList *set)
{
    if (!set->contains(QStringLiteral("author_id")))
        return std::nullopt;
    if (!activity.authorId.isEmpty() && activity.authorId != caller.userId)
        return tr("An activity is written in its author's name only: author_id must be your "
                  "own user id, or left out.");
    set->removeAll(QStringLiteral("author_id"));
    return std::nullopt;
}

} // namespace branchline::server
