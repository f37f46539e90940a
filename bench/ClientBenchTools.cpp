// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientBenchTools.h"

#include "store/SqlCipherDriver.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QWidget>

#include <algorithm>

namespace branchline {

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    auto *driver = qobject_cast<SqlCipherDriver *>(db.driver());
    return driver ? driver->connection() : nullptr;
}

bool processEventsUntil(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

PaintWatcher::PaintWatcher(QWidget *widget)
    : QObject(widget)
{
    widget->installEventFilter(this);
}

bool PaintWatcher::eventFilter(QObject *, QEvent *event)
{
    if (event->type() == QEvent::Paint)
        m_painted = true;
    return false;
}

TimerWatcher::TimerWatcher(QObject *timer, const QElapsedTimer &clock)
    : QObject(timer)
    , m_clock(clock)
{
    timer->installEventFilter(this);
}

bool TimerWatcher::eventFilter(QObject *, QEvent *event)
{
    if (event->type() == QEvent::Timer) {
        m_firedNs = m_clock.nsecsElapsed();
        if (onFired)
            onFired();
    }
    return false;
}

void typeCharacter(QWidget *widget, const QString &character)
{
    const QChar c = character.at(0);
    if (c.unicode() < 0x80) {
        const int key = c.isLetter()
                ? Qt::Key_A + (c.toUpper().unicode() - 'A')
                : (c.isDigit() ? Qt::Key_0 + (c.unicode() - '0') : Qt::Key_unknown);
        QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, character);
        QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier, character);
        QCoreApplication::sendEvent(widget, &press);
        QCoreApplication::sendEvent(widget, &release);
        return;
    }
    QInputMethodEvent commit;
    commit.setCommitString(character);
    QCoreApplication::sendEvent(widget, &commit);
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values.at(middle) : (values.at(middle - 1) + values.at(middle)) / 2;
}

} // namespace branchline
