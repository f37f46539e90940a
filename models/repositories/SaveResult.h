// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/FieldIssue.h"
#include "store/StoreError.h"

#include <QList>
#include <QString>

namespace branchline {

// The outcome of saving a record: saved, refused by a rule (with the fields to fix), or
// failed in the store.
struct SaveResult
{
    bool ok = false;
    QList<FieldIssue> issues;
    StoreError error;

    explicit operator bool() const { return ok; }
    QString firstMessage() const
    {
        return issues.isEmpty() ? error.message : issues.first().message;
    }

    static SaveResult success() { return SaveResult{ true, {}, {} }; }
    static SaveResult invalid(QList<FieldIssue> issues)
    {
        return SaveResult{ false, std::move(issues), {} };
    }
    static SaveResult failed(StoreError error) { return SaveResult{ false, {}, std::move(error) }; }
};

} // namespace branchline
