// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProgressEstimate.h"
#include "SyncEngine.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace branchline {

// The first sync, as the user watches it: what is happening, how many records and bytes
// have arrived, how long it has run and, once a total is known, how long it has left.
// Cancel stops it; the next start continues from the last page written.
class FirstSyncPage : public QWidget
{
    Q_OBJECT

public:
    explicit FirstSyncPage(QWidget *parent = nullptr);
    ~FirstSyncPage() override;

    // Resets the clock; names who signed in where.
    void start(const QString &user, const QString &host);
    void setProgress(sync::SyncPhase phase, qint64 done, qint64 total, qint64 bytes);
    // A round ended without finishing the first sync: says why and that it retries.
    void setRoundFinished(const sync::SyncOutcome &outcome);

    // For tests and screenshots: pretend the sync started this long ago.
    void setElapsedForTest(qint64 elapsedMs) { m_testElapsedMs = elapsedMs; }

signals:
    void cancelRequested();

private:
    qint64 nowMs() const;
    void updateTimes();

    QLabel *m_account = nullptr;
    QLabel *m_phase = nullptr;
    QProgressBar *m_bar = nullptr;
    QLabel *m_records = nullptr;
    QLabel *m_bytes = nullptr;
    QLabel *m_elapsed = nullptr;
    QLabel *m_remaining = nullptr;
    QLabel *m_notice = nullptr;
    QPushButton *m_cancel = nullptr;
    QTimer *m_ticker = nullptr;
    QElapsedTimer m_clock;
    ProgressEstimate m_estimate;
    qint64 m_testElapsedMs = -1;
};

} // namespace branchline
