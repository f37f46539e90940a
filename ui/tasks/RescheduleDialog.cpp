// SPDX-License-Identifier: GPL-3.0-or-later
#include "RescheduleDialog.h"

#include "Tones.h"
#include "tasks/DueDateChoices.h"
#include "tasks/DueText.h"

#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace branchline {

RescheduleDialog::RescheduleDialog(const QString &taskTitle, const QDateTime &due,
                                   const QDateTime &now, QWidget *parent)
    : QDialog(parent)
    , m_now(now)
{
    setObjectName(QStringLiteral("RescheduleDialog"));
    setWindowTitle(tr("Reschedule"));
    auto *what = new QLabel(tr("When is “%1” due now?").arg(taskTitle.toHtmlEscaped()), this);
    what->setTextFormat(Qt::RichText);
    what->setWordWrap(true);

    const QDateTime tomorrow = DueDateChoices::tomorrow(due, now);
    const QDateTime nextWeek = DueDateChoices::nextWeek(due, now);
    auto *quick = new QHBoxLayout;
    quick->addWidget(quickButton(QStringLiteral("tomorrow"), tr("Tomorrow"), tomorrow));
    quick->addWidget(quickButton(QStringLiteral("nextWeek"), tr("Next week"), nextWeek));
    quick->addStretch(1);

    m_editor = new QDateTimeEdit(this);
    m_editor->setObjectName(QStringLiteral("dueEditor"));
    m_editor->setCalendarPopup(true);
    m_editor->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    // Starts from the current due time when it is still ahead, else from tomorrow.
    m_editor->setDateTime(due.isValid() && due > now ? due.toLocalTime() : tomorrow);
    auto *form = new QFormLayout;
    form->addRow(tr("Due"), m_editor);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    Tones::setTextTone(m_message, Tone::Error);
    m_message->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Reschedule"));
    connect(buttons, &QDialogButtonBox::accepted, this, &RescheduleDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RescheduleDialog::reject);

    setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 32);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addLayout(quick);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    m_editor->setFocus();
}

QString RescheduleDialog::choiceText(const QString &name, const QDateTime &when)
{
    // The weekday and the date both: "tomorrow" and "next week" are relative words.
    const QLocale locale;
    const QDateTime local = when.toLocalTime();
    return tr("%1, %2 %3 %4", "quick choice name, weekday, date, time")
            .arg(name, locale.dayName(local.date().dayOfWeek(), QLocale::ShortFormat),
                 locale.toString(local.date(), QLocale::ShortFormat), DueText::time(local));
}

QPushButton *RescheduleDialog::quickButton(const QString &objectName, const QString &name,
                                           const QDateTime &when)
{
    auto *button = new QPushButton(choiceText(name, when), this);
    button->setObjectName(objectName);
    button->setAutoDefault(false);
    connect(button, &QPushButton::clicked, this, [this, when] {
        m_editor->setDateTime(when);
        accept();
    });
    return button;
}

QDateTime RescheduleDialog::chosen() const
{
    return m_editor->dateTime();
}

void RescheduleDialog::accept()
{
    if (chosen() <= m_now) {
        m_message->setText(tr("That time has passed. Pick a time later than now."));
        m_message->show();
        m_editor->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace branchline
