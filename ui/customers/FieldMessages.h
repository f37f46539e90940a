// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/FieldIssue.h"

#include <QHash>
#include <QSet>
#include <QString>

class QLabel;
class QWidget;

namespace branchline {

// The validation messages of a form, one label under each field, so a problem is read
// where it is fixed. Labels are named "error_<field>" for tests and screen readers.
class FieldMessages
{
public:
    // A hidden, word-wrapped label in the error colour for `field`.
    QLabel *add(const QString &field, QWidget *parent);
    // `editor` with the message label of `field` under it, as one form row's field.
    QWidget *wrap(const QString &field, QWidget *editor, QWidget *parent);
    QLabel *label(const QString &field) const { return m_labels.value(field); }
    // Whether the field is on screen now (a form may hide a field that does not apply).
    void setFieldShown(const QString &field, bool shown);

    // Shows each issue under its field; returns those with no visible field to show them at.
    FieldIssues show(const FieldIssues &issues);
    void clear();

private:
    QHash<QString, QLabel *> m_labels;
    QSet<QString> m_hiddenFields;
};

} // namespace branchline
