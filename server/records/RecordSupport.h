// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Authenticator.h"
#include "domain/rules/FieldIssue.h"
#include "domain/rules/FieldPolicy.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace branchline::server {

// What an API call on a record comes to: a status and a JSON body (the record, a page of
// records, or {code, message[, issues]}).
struct RecordOutcome
{
    int status = 200;
    QJsonObject body;
};

// The parts of RecordService that do not depend on the kind of record.
class RecordSupport
{
    Q_DECLARE_TR_FUNCTIONS(RecordService)

public:
    static RecordOutcome failure(int status, const QString &code, const QString &message);
    static RecordOutcome storageFailure(const QString &error);
    // A 422 listing every issue by field; `message` says what was refused.
    static RecordOutcome invalid(const FieldIssues &issues, const QString &message = QString());
    static QString now();
    static QString json(const QJsonObject &object);
    // A LIKE pattern that finds `text` anywhere, with LIKE's own wildcards made literal.
    static QString containsPattern(const QString &text);

    // The record as this caller may see it: hidden fields left out, PII masked unless revealed.
    static QJsonObject present(Role role, RecordType type, QJsonObject object,
                               const QStringList &fields, const QStringList &revealed);
    // A write may set only the fields the caller's role may edit.
    static std::optional<RecordOutcome> refuseUneditable(Role role, RecordType type,
                                                         const QStringList &set);
    // Checks a reveal request: PII fields only, a role that may see them, and a reason.
    static std::optional<RecordOutcome>
    refuseReveal(Role role, RecordType type, const QStringList &reveal, const QString &reason);
    static std::optional<RecordOutcome> refuseLimit(const QString &text, int *limit);
    // "name" (or nothing) sorts by name; "-updated_at" puts the newest changes first.
    static std::optional<RecordOutcome> refuseSort(const QString &text, bool *newestFirst);
    static RecordOutcome outOfScope(bool creating);
};

} // namespace branchline::server
