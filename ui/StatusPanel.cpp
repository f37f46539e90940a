// SPDX-License-Identifier: GPL-3.0-or-later
#include "StatusPanel.h"

#include "session/Session.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QTimer>
#include <QToolButton>

namespace branchline {

StatusPanel::StatusPanel(Session &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_online = new QLabel(this);
    m_online->setObjectName(QStringLiteral("onlineState"));
    m_lastSync = new QLabel(this);
    m_lastSync->setObjectName(QStringLiteral("lastSync"));
    m_pending = new QLabel(this);
    m_pending->setObjectName(QStringLiteral("pendingEdits"));
    m_conflicts = new QToolButton(this);
    m_conflicts->setObjectName(QStringLiteral("conflicts"));
    m_conflicts->setAutoRaise(true);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_sync = new QToolButton(this);
    m_sync->setObjectName(QStringLiteral("syncNow"));
    m_sync->setText(tr("Sync now"));
    m_sync->setToolTip(tr("Send your edits and fetch the latest (F5)"));
    m_sync->setAutoRaise(true);
    for (QWidget *widget : std::initializer_list<QWidget *>{ m_online, m_lastSync, m_pending,
                                                              m_conflicts, m_progress, m_sync })
        layout->addWidget(widget);

    connect(m_sync, &QToolButton::clicked, &session, &Session::syncNow);
    connect(m_conflicts, &QToolButton::clicked, this, &StatusPanel::conflictsClicked);
    connect(&session, &Session::onlineChanged, this, &StatusPanel::showOnline);
    connect(&session, &Session::lastSyncTimeChanged, this, &StatusPanel::showLastSync);
    connect(&session, &Session::pendingEditCountChanged, this, &StatusPanel::showPending);
    connect(&session, &Session::unresolvedConflictCountChanged, this,
            &StatusPanel::showConflicts);
    connect(&session, &Session::syncProgress, this,
            [this](sync::SyncPhase phase, qint64 done, qint64 total, qint64) {
                showProgress(phase, done, total);
            });
    connect(&session, &Session::syncFinished, this, &StatusPanel::showFinished);
    // "5 minutes ago" ages without a sync.
    auto *minute = new QTimer(this);
    connect(minute, &QTimer::timeout, this, &StatusPanel::showLastSync);
    minute->start(60 * 1000);

    showOnline(session.isOnline());
    showLastSync();
    showPending(session.pendingEditCount());
    showConflicts(session.unresolvedConflictCount());
    // Built while a round runs (the window is rebuilt in another language): busy until the
    // round's next progress report says how far it is.
    if (session.isSyncing()) {
        m_progress->setRange(0, 0);
        m_progress->show();
        m_sync->setEnabled(false);
    }
}

void StatusPanel::showOnline(bool online)
{
    m_online->setText(online ? tr("● Online") : tr("○ Offline"));
    m_online->setToolTip(online ? tr("Connected to the server; edits are sent at once.")
                                : tr("Working offline: edits are kept on this computer and "
                                     "sent when the server can be reached."));
}

void StatusPanel::showLastSync()
{
    const QDateTime at = m_session.lastSyncTime();
    if (!at.isValid()) {
        m_lastSync->setText(tr("Never synced"));
        return;
    }
    const qint64 minutes = at.secsTo(QDateTime::currentDateTimeUtc()) / 60;
    QString when;
    if (minutes < 1)
        when = tr("just now");
    else if (minutes < 60)
        when = tr("%n minute(s) ago", nullptr, int(minutes));
    else
        when = QLocale().toString(at.toLocalTime(), QLocale::ShortFormat);
    m_lastSync->setText(tr("Synced %1").arg(when));
    m_lastSync->setToolTip(QLocale().toString(at.toLocalTime(), QLocale::LongFormat));
}

void StatusPanel::showPending(int count)
{
    m_pending->setText(count == 0 ? tr("All edits sent")
                                  : tr("%n edit(s) waiting to be sent", nullptr, count));
}

void StatusPanel::showConflicts(int count)
{
    m_conflicts->setText(tr("%n conflict(s)", nullptr, count));
    m_conflicts->setVisible(count > 0);
    m_conflicts->setToolTip(tr("Edits that met another edit on the server: review them."));
}

void StatusPanel::showProgress(sync::SyncPhase phase, qint64 done, qint64 total)
{
    m_progress->show();
    if (total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(qBound(qint64(0), done * 1000 / total, qint64(1000))));
    } else {
        m_progress->setRange(0, 0); // busy
    }
    m_progress->setToolTip(sync::SyncEngine::phaseText(phase));
    m_sync->setEnabled(false);
}

void StatusPanel::showFinished(const sync::SyncOutcome &outcome)
{
    m_progress->hide();
    m_sync->setEnabled(true);
    showLastSync();
    const bool failed = outcome.status != sync::SyncOutcome::Status::Done
            && outcome.status != sync::SyncOutcome::Status::Cancelled;
    m_sync->setToolTip(failed ? outcome.message
                              : tr("Send your edits and fetch the latest (F5)"));
}

} // namespace branchline
