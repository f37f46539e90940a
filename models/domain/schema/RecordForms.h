// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/schema/RecordSchema.h"

#include <QCoreApplication>
#include <QList>

namespace branchline {

// Where a kind's fields stand in its profile form: sections in order, each with its fields in
// order. What each field is (its label, type, vocabulary, permission) is the record schema's;
// the form only places it.
struct FormField
{
    QLatin1String key;
    // What an empty choice reads as ("Not rated", "Unassigned"); none for a text field.
    const char *emptyLabel = nullptr;
};

struct FormSection
{
    QLatin1String name; // the section's object name is name + "Group"
    const char *title = nullptr; // in the "RecordForms" context; none: set by the form
    QList<FormField> fields;
};

class RecordForms
{
    Q_DECLARE_TR_FUNCTIONS(RecordForms)

public:
    static QList<FormSection> profile(RecordType type);
    static QString title(const FormSection &section);
    static QString emptyLabel(const FormField &field);
};

} // namespace branchline
