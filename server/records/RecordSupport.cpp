// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordSupport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRecords, "branchline.server.records")

namespace branchline::server {

RecordOutcome RecordSupport::failure(int status, const QString &code, const QString &message)
{
    return RecordOutcome{ status,
                          QJsonObject{ { QStringLiteral("code"), code },
                                       { QStringLiteral("message"), message } } };
}

RecordOutcome RecordSupport::storageFailure(const QString &error)
{
    // The database's words stay in the log: they name tables and constraints, and some
    // engines quote the values involved. Only the first line is kept there, as PostgreSQL
    // puts the offending values in its DETAIL line.
    qCWarning(lcRecords).noquote()
            << "storage failure:" << error.section(QLatin1Char('\n'), 0, 0).left(300);
    return failure(500, QStringLiteral("storage_error"),
                   tr("The server could not store or read the data. Nothing was changed; try "
                      "again later, and tell your administrator if it persists."));
}

RecordOutcome RecordSupport::invalid(const FieldIssues &issues, const QString &message)
{
    QJsonArray list;
    for (const FieldIssue &issue : issues)
        list.append(QJsonObject{ { QStringLiteral("field"), issue.field },
                                 { QStringLiteral("message"), issue.message } });
    RecordOutcome outcome =
            failure(422, QStringLiteral("invalid"),
                    message.isEmpty() ? tr("The record has fields to correct.") : message);
    outcome.body.insert(QStringLiteral("issues"), list);
    return outcome;
}

QString RecordSupport::now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString RecordSupport::json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString RecordSupport::containsPattern(const QString &text)
{
    QString pattern = text;
    pattern.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('%'), QLatin1String("\\%"))
            .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + pattern + QLatin1Char('%');
}

QJsonObject RecordSupport::present(Role role, RecordType type, QJsonObject object,
                                   const QStringList &fields, const QStringList &revealed)
{
    for (const QString &field : fields) {
        if (FieldPolicy::permission(role, type, field) == FieldPermission::Hidden) {
            object.remove(field);
            continue;
        }
        if (!object.value(field).isString())
            continue;
        object.insert(field,
                      FieldPolicy::present(role, type, field, object.value(field).toString(),
                                           revealed.contains(field)));
    }
    return object;
}

std::optional<RecordOutcome> RecordSupport::refuseUneditable(Role role, RecordType type,
                                                             const QStringList &set)
{
    for (const QString &field : set) {
        if (FieldPolicy::permission(role, type, field) != FieldPermission::Editable) {
            const QString message = FieldPolicy::isSensitive(type, field)
                    ? tr("\"%1\" changes only through an approval or by the role responsible "
                         "for it.")
                              .arg(field)
                    : tr("Your role may not change \"%1\".").arg(field);
            return failure(403, QStringLiteral("field_not_editable"), message);
        }
    }
    return std::nullopt;
}

std::optional<RecordOutcome> RecordSupport::refuseReveal(Role role, RecordType type,
                                                         const QStringList &reveal,
                                                         const QString &reason)
{
    for (const QString &field : reveal) {
        if (!FieldPolicy::piiKind(type, field))
            return failure(400, QStringLiteral("bad_parameter"),
                           tr("\"%1\" is not personal data that can be revealed.").arg(field));
        if (!FieldPolicy::mayReveal(role, type, field))
            return failure(403, QStringLiteral("reveal_not_allowed"),
                           tr("Your role may not see \"%1\" unmasked.").arg(field));
    }
    if (!reveal.isEmpty() && reason.trimmed().size() < 4)
        return failure(400, QStringLiteral("reason_required"),
                       tr("Say why you need to see this personal data; the reason is recorded."));
    return std::nullopt;
}

std::optional<RecordOutcome> RecordSupport::refuseLimit(const QString &text, int *limit)
{
    bool ok = true;
    *limit = text.isEmpty() ? 50 : text.toInt(&ok);
    if (ok && *limit >= 1 && *limit <= 200)
        return std::nullopt;
    return failure(400, QStringLiteral("bad_parameter"),
                   tr("limit must be a whole number from 1 to 200."));
}

std::optional<RecordOutcome> RecordSupport::refuseSort(const QString &text, bool *newestFirst)
{
    *newestFirst = text == QLatin1String("-updated_at");
    if (text.isEmpty() || text == QLatin1String("name") || *newestFirst)
        return std::nullopt;
    return failure(400, QStringLiteral("bad_parameter"), tr("sort is name or -updated_at."));
}

RecordOutcome RecordSupport::outOfScope(bool creating)
{
    return failure(403, QStringLiteral("out_of_scope"),
                   creating ? tr("You may not create it for that owner or branch.")
                            : tr("You may not move it outside your scope."));
}

} // namespace branchline::server
