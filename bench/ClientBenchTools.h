// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QSqlDatabase>

#include <functional>

struct sqlite3;

class QWidget;

namespace branchline {

// The SQLCipher handle under one of our store connections (for the statement trace).
sqlite3 *sqliteHandle(const QSqlDatabase &db);

// Runs the event loop until `done` or `timeoutMs`; false on timeout.
bool processEventsUntil(const std::function<bool()> &done, int timeoutMs = 30000);

// Notes when a widget has painted (event filter on its Paint events).
class PaintWatcher : public QObject
{
public:
    explicit PaintWatcher(QWidget *widget);
    void reset() { m_painted = false; }
    bool painted() const { return m_painted; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool m_painted = false;
};

// When a timer object was last delivered its timer event: the moment a QTimer fires,
// just before its timeout() runs.
class TimerWatcher : public QObject
{
public:
    TimerWatcher(QObject *timer, const QElapsedTimer &clock);
    void reset() { m_firedNs = -1; }
    qint64 firedNs() const { return m_firedNs; }
    std::function<void()> onFired;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    const QElapsedTimer &m_clock;
    qint64 m_firedNs = -1;
};

// One key typed into `widget`: a key press and release for Latin text, an input method's
// commit for anything else (as a Chinese input method delivers it).
void typeCharacter(QWidget *widget, const QString &character);

double median(QList<double> values);

} // namespace branchline
