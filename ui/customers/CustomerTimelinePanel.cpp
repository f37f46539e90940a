// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerTimelinePanel.h"

#include "TimelineDelegate.h"
#include "Tones.h"
#include "itemmodels/ActivityTimelineModel.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace branchline {

CustomerTimelinePanel::CustomerTimelinePanel(const QSqlDatabase &db, const QString &userId,
                                             QWidget *parent)
    : QWidget(parent)
    , m_model(new ActivityTimelineModel(db, this))
    , m_userId(userId)
{
    // The three kinds a rep logs by hand; emails and documents arrive by other ways.
    m_kinds = new QButtonGroup(this);
    auto *entryRow = new QHBoxLayout;
    entryRow->setSpacing(2);
    for (const ActivityKind kind :
         { ActivityKind::Call, ActivityKind::Visit, ActivityKind::Note }) {
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("log_") + RecordEnums::code(kind));
        button->setText(RecordEnums::label(kind));
        button->setCheckable(true);
        button->setAutoRaise(true);
        m_kinds->addButton(button, static_cast<int>(kind));
        entryRow->addWidget(button);
    }
    m_kinds->button(static_cast<int>(ActivityKind::Call))->setChecked(true);

    m_entry = new QLineEdit(this);
    m_entry->setObjectName(QStringLiteral("logText"));
    m_entry->setPlaceholderText(tr("What happened? Press Enter to log it"));
    m_log = new QPushButton(tr("Log"), this);
    m_log->setObjectName(QStringLiteral("logButton"));
    m_log->setEnabled(false);
    entryRow->addSpacing(6);
    entryRow->addWidget(m_entry, 1);
    entryRow->addWidget(m_log);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("logProblem"));
    m_problem->setWordWrap(true);
    Tones::setTextTone(m_problem, Tone::Error);
    m_problem->setVisible(false);

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("timeline"));
    m_list->setModel(m_model);
    m_list->setModelColumn(ActivityTimelineModel::Subject);
    m_list->setItemDelegate(new TimelineDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setAlternatingRowColors(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(entryRow);
    layout->addWidget(m_problem);
    layout->addWidget(m_list, 1);

    connect(m_entry, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_log->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_entry, &QLineEdit::returnPressed, this, &CustomerTimelinePanel::logEntry);
    connect(m_log, &QPushButton::clicked, this, &CustomerTimelinePanel::logEntry);
}

void CustomerTimelinePanel::setCustomer(const QString &customerId)
{
    // The same customer again (a sync brought changes): what is being typed stays.
    if (customerId != m_customerId) {
        m_entry->clear();
        m_problem->setVisible(false);
    }
    m_customerId = customerId;
    m_model->setRecord(customerId);
}

void CustomerTimelinePanel::reload()
{
    m_model->reload();
}

bool CustomerTimelinePanel::logEntry()
{
    const QString text = m_entry->text().trimmed();
    if (text.isEmpty())
        return false;
    Activity activity;
    activity.kind = static_cast<ActivityKind>(m_kinds->checkedId());
    activity.authorId = m_userId;
    activity.occurredAt = QDateTime::currentDateTimeUtc();
    activity.subject = text;
    const SaveResult result = m_model->append(activity);
    if (!result) {
        m_problem->setText(result.firstMessage());
        m_problem->setVisible(true);
        return false;
    }
    m_problem->setVisible(false);
    m_entry->clear();
    m_list->scrollToTop();
    emit logged();
    return true;
}

} // namespace branchline
