// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConflictDetail.h"

#include "FieldMessages.h"
#include "Headings.h"
#include "conflicts/ConflictText.h"
#include "domain/rules/FieldLabels.h"
#include "domain/rules/FieldPolicy.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace branchline {

namespace {

QLabel *valueLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setFrameShape(QFrame::StyledPanel);
    label->setMargin(8);
    label->setMinimumWidth(120);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

QLabel *caption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true); // long captions wrap instead of widening their column
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

ConflictDetail::ConflictDetail(Role viewer, QWidget *parent)
    : QWidget(parent)
    , m_viewer(viewer)
{
    auto *outer = new QVBoxLayout(this);
    m_placeholder = new QLabel(tr("Pick a conflict on the left to compare the values."), this);
    m_placeholder->setObjectName(QStringLiteral("conflictPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    outer->addWidget(m_placeholder, 1);

    m_content = new QWidget(this);
    outer->addWidget(m_content, 1);
    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *titleRow = new QHBoxLayout;
    m_title = new QLabel(m_content);
    m_title->setObjectName(QStringLiteral("conflictTitle"));
    makeHeading(m_title, 1.2);
    m_title->setWordWrap(true);
    titleRow->addWidget(m_title, 1);
    m_openRecord = new QPushButton(tr("Open record"), m_content);
    m_openRecord->setObjectName(QStringLiteral("openRecord"));
    connect(m_openRecord, &QPushButton::clicked, this,
            [this] { emit openRecordRequested(m_entry.table, m_entry.recordId); });
    titleRow->addWidget(m_openRecord);
    layout->addLayout(titleRow);

    m_explanation = new QLabel(m_content);
    m_explanation->setObjectName(QStringLiteral("conflictExplanation"));
    m_explanation->setWordWrap(true);
    layout->addWidget(m_explanation);

    auto *values = new QGridLayout;
    values->addWidget(caption(tr("Before your edit"), m_content), 0, 0);
    m_theirsCaption = caption(QString(), m_content);
    values->addWidget(m_theirsCaption, 0, 1);
    values->addWidget(caption(tr("Your value"), m_content), 0, 2);
    m_base = valueLabel(QStringLiteral("baseValue"), m_content);
    m_theirs = valueLabel(QStringLiteral("theirsValue"), m_content);
    m_mine = valueLabel(QStringLiteral("mineValue"), m_content);
    values->addWidget(m_base, 1, 0);
    values->addWidget(m_theirs, 1, 1);
    values->addWidget(m_mine, 1, 2);
    for (int column = 0; column < 3; ++column)
        values->setColumnStretch(column, 1);
    layout->addLayout(values);

    auto *choices = new QHBoxLayout;
    m_keepMine = new QPushButton(tr("Keep &yours"), m_content);
    m_keepMine->setObjectName(QStringLiteral("keepMine"));
    m_keepMine->setToolTip(tr("Apply your value again (Alt+Y)"));
    m_keepTheirs = new QPushButton(m_content);
    m_keepTheirs->setObjectName(QStringLiteral("keepTheirs"));
    choices->addWidget(m_keepMine);
    choices->addWidget(m_keepTheirs);
    choices->addStretch(1);
    layout->addLayout(choices);
    connect(m_keepMine, &QPushButton::clicked, this, [this] {
        emit resolveRequested(m_entry.id, ConflictResolution::Choice::Mine, QJsonValue());
    });
    connect(m_keepTheirs, &QPushButton::clicked, this, [this] {
        emit resolveRequested(m_entry.id, ConflictResolution::Choice::Theirs, QJsonValue());
    });

    m_mergeRow = new QWidget(m_content);
    auto *merge = new QGridLayout(m_mergeRow);
    merge->setContentsMargins(0, 0, 0, 0);
    merge->addWidget(new QLabel(tr("&Merged value:"), m_mergeRow), 0, 0);
    m_merged = new QLineEdit(m_mergeRow);
    m_merged->setObjectName(QStringLiteral("mergedValue"));
    qobject_cast<QLabel *>(merge->itemAtPosition(0, 0)->widget())->setBuddy(m_merged);
    merge->addWidget(m_merged, 0, 1);
    auto *useMerged = new QPushButton(tr("Use merged value"), m_mergeRow);
    useMerged->setObjectName(QStringLiteral("useMerged"));
    merge->addWidget(useMerged, 0, 2);
    FieldMessages messages;
    m_mergeError = messages.add(QStringLiteral("merged"), m_mergeRow);
    merge->addWidget(m_mergeError, 1, 1, 1, 2);
    connect(useMerged, &QPushButton::clicked, this, &ConflictDetail::useMerged);
    connect(m_merged, &QLineEdit::returnPressed, this, &ConflictDetail::useMerged);
    layout->addWidget(m_mergeRow);

    m_state = new QLabel(m_content);
    m_state->setObjectName(QStringLiteral("conflictState"));
    m_state->setWordWrap(true);
    layout->addWidget(m_state);
    layout->addStretch(1);
    clear();
}

void ConflictDetail::clear()
{
    m_entry = ConflictEntry();
    m_content->setVisible(false);
    m_placeholder->setVisible(true);
}

void ConflictDetail::setValue(QLabel *label, const QJsonValue &value, bool known)
{
    label->setText(known ? FieldLabels::value(m_viewer, m_entry.table, m_entry.field, value)
                         : tr("Not known on this computer"));
    label->setForegroundRole(known ? QPalette::WindowText : QPalette::PlaceholderText);
}

void ConflictDetail::show(const ConflictEntry &entry)
{
    m_entry = entry;
    m_placeholder->setVisible(false);
    m_content->setVisible(true);
    m_title->setText(tr("%1 — %2").arg(ConflictText::record(entry),
                                       FieldLabels::field(entry.table, entry.field)));
    m_explanation->setText(ConflictText::explanation(entry));
    m_theirsCaption->setText(entry.otherIsAuthor() ? tr("Value that stands (your other computer)")
                                     : entry.otherUserName.isEmpty()
                                     ? tr("Value that stands")
                                     : tr("Value that stands (%1)").arg(entry.otherUserName));
    setValue(m_base, entry.base, !entry.base.isUndefined());
    setValue(m_theirs, entry.theirs, !entry.theirs.isUndefined());
    setValue(m_mine, entry.mine, !entry.mine.isUndefined());
    m_openRecord->setVisible(entry.table == QLatin1String("customers")
                             && !entry.recordLabel.isEmpty());

    const bool open = !entry.isResolved();
    m_keepMine->setVisible(open && entry.canReapply());
    m_keepTheirs->setVisible(open);
    m_keepTheirs->setText(entry.canReapply() ? tr("Keep &theirs") : tr("&Acknowledge"));
    m_keepTheirs->setToolTip(entry.canReapply() ? tr("Leave the value that stands (Alt+T)")
                                                : tr("Mark as read; nothing changes"));
    // A value the viewer sees masked cannot be merged by hand: they would type over a
    // value they cannot read.
    const std::optional<RecordType> type = FieldLabels::recordType(entry.table);
    const bool editable = type
            && FieldPolicy::permission(m_viewer, *type, entry.field) == FieldPermission::Editable
            && !FieldPolicy::piiKind(*type, entry.field);
    m_mergeRow->setVisible(open && entry.canMerge() && editable);
    m_merged->setText(entry.mine.isString()           ? entry.mine.toString()
                              : entry.mine.isDouble() ? QString::number(entry.mine.toInteger())
                                                      : QString());
    m_mergeError->setVisible(false);
    m_state->setText(entry.isResolved() ? ConflictText::resolution(entry) : QString());
    m_state->setVisible(entry.isResolved());
}

void ConflictDetail::showFailure(const QString &message)
{
    m_state->setText(message);
    m_state->setVisible(true);
}

void ConflictDetail::useMerged()
{
    QJsonValue value;
    const QString problem = ConflictResolution::checkMerged(m_entry, m_merged->text(), &value);
    m_mergeError->setText(problem);
    m_mergeError->setVisible(!problem.isEmpty());
    if (problem.isEmpty())
        emit resolveRequested(m_entry.id, ConflictResolution::Choice::Merged, value);
}

} // namespace branchline
