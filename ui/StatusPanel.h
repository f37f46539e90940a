// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SyncEngine.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace branchline {

class Session;

// The status bar's right side: online or offline, the last sync, the edits still waiting
// for the server, the unresolved conflicts, and the sync button (a progress bar while a
// round runs). Shows what Session reports; does nothing on its own.
class StatusPanel : public QWidget
{
    Q_OBJECT

public:
    StatusPanel(Session &session, QWidget *parent = nullptr);

    QToolButton *syncButton() const { return m_sync; }

signals:
    void conflictsClicked();

private:
    void showOnline(bool online);
    void showLastSync();
    void showPending(int count);
    void showConflicts(int count);
    void showProgress(sync::SyncPhase phase, qint64 done, qint64 total);
    void showFinished(const sync::SyncOutcome &outcome);

    Session &m_session;
    QLabel *m_online = nullptr;
    QLabel *m_lastSync = nullptr;
    QLabel *m_pending = nullptr;
    QToolButton *m_conflicts = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_sync = nullptr;
};

} // namespace branchline
