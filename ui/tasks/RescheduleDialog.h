// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QDialog>

class QDateTimeEdit;
class QLabel;
class QPushButton;

namespace branchline {

// "Reschedule": tomorrow or next week at the task's time of day with one click, or a picked
// date and time. A time that has passed is refused with a message, and nothing is lost.
class RescheduleDialog : public QDialog
{
    Q_OBJECT

public:
    RescheduleDialog(const QString &taskTitle, const QDateTime &due, const QDateTime &now,
                     QWidget *parent = nullptr);

    QDateTime chosen() const; // local time
    QDateTimeEdit *editor() const { return m_editor; }

    // "Tomorrow, Thu 11/26/26 2:00 PM": a quick choice as its button and menu entry say it.
    static QString choiceText(const QString &name, const QDateTime &when);

public slots:
    void accept() override;

private:
    QPushButton *quickButton(const QString &objectName, const QString &name, const QDateTime &when);

    QDateTime m_now;
    QDateTimeEdit *m_editor = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace branchline
