// SPDX-License-Identifier: GPL-3.0-or-later
#include "FieldMessages.h"

#include "Tones.h"

#include <QLabel>
#include <QVBoxLayout>

namespace branchline {

QLabel *FieldMessages::add(const QString &field, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("error_") + field);
    label->setWordWrap(true);
    label->setVisible(false);
    Tones::setTextTone(label, Tone::Error);
    m_labels.insert(field, label);
    return label;
}

QWidget *FieldMessages::wrap(const QString &field, QWidget *editor, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    editor->setParent(box);
    layout->addWidget(editor);
    layout->addWidget(add(field, box));
    return box;
}

FieldIssues FieldMessages::show(const FieldIssues &issues)
{
    clear();
    FieldIssues unplaced;
    for (const FieldIssue &issue : issues) {
        QLabel *label = m_labels.value(issue.field);
        // Under a hidden field (say, the credit code of an individual) the message would
        // be out of sight: the caller shows it in the form's general line instead.
        if (!label || m_hiddenFields.contains(issue.field)) {
            unplaced << issue;
            continue;
        }
        const QString text = label->text().isEmpty()
                ? issue.message
                : label->text() + QLatin1Char('\n') + issue.message;
        label->setText(text);
        label->setVisible(true);
    }
    return unplaced;
}

void FieldMessages::setFieldShown(const QString &field, bool shown)
{
    if (shown)
        m_hiddenFields.remove(field);
    else
        m_hiddenFields.insert(field);
}

void FieldMessages::clear()
{
    for (QLabel *label : std::as_const(m_labels)) {
        label->clear();
        label->setVisible(false);
    }
}

} // namespace branchline
