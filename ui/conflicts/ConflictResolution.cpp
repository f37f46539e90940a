// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConflictResolution.h"

#include "SyncStore.h"
#include "domain/rules/CreditCode.h"
#include "domain/rules/MobileNumber.h"
#include "domain/rules/ResidentIdNumber.h"

namespace branchline {

namespace {

QString code(ConflictResolution::Choice choice)
{
    switch (choice) {
    case ConflictResolution::Choice::Mine:
        return QStringLiteral("mine");
    case ConflictResolution::Choice::Theirs:
        return QStringLiteral("theirs");
    case ConflictResolution::Choice::Merged:
        return QStringLiteral("merged");
    }
    return QString();
}

// Columns that may not be empty in their table's schema.
bool required(const QString &field)
{
    static const QStringList names{ QStringLiteral("legal_name"), QStringLiteral("name"),
                                    QStringLiteral("title") };
    return names.contains(field);
}

} // namespace

bool ConflictResolution::resolve(const QSqlDatabase &db, const QString &userId,
                                 const QString &conflictId, Choice choice,
                                 const QJsonValue &merged, QString *message)
{
    sync::SyncStore store(db);
    store.setUserId(userId);
    StoreError error;
    if (store.resolveConflict(conflictId, code(choice),
                              choice == Choice::Merged ? merged : QJsonValue(QJsonValue::Undefined),
                              &error))
        return true;
    *message = error.message.isEmpty()
            ? tr("The resolution could not be saved on this computer. Nothing was changed.")
            : error.message;
    return false;
}

QString ConflictResolution::checkMerged(const ConflictEntry &entry, const QString &text,
                                        QJsonValue *value)
{
    const QString trimmed = text.trimmed();
    if (entry.mine.isDouble() || entry.theirs.isDouble()) {
        bool ok = false;
        const qlonglong number = trimmed.toLongLong(&ok);
        if (!ok)
            return tr("Enter a whole number.");
        *value = QJsonValue(number);
        return QString();
    }
    if (trimmed.isEmpty()) {
        if (required(entry.field))
            return tr("This field may not be empty.");
        *value = QJsonValue(QJsonValue::Null);
        return QString();
    }
    IdentifierCheck check;
    if (entry.field == QLatin1String("phone"))
        check = MobileNumber::check(trimmed);
    else if (entry.field == QLatin1String("credit_code"))
        check = CreditCode::check(trimmed);
    else if (entry.field == QLatin1String("id_number"))
        check = ResidentIdNumber::check(trimmed);
    else {
        *value = QJsonValue(trimmed);
        return QString();
    }
    if (!check.ok())
        return check.message();
    *value = QJsonValue(check.normalized);
    return QString();
}

} // namespace branchline
