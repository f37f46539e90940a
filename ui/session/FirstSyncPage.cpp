// SPDX-License-Identifier: GPL-3.0-or-later
#include "FirstSyncPage.h"

#include "Headings.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace branchline {

namespace {

// "0:42", "12:05", "1:02:03": a clock reading, the same in both languages.
QString clockText(qint64 ms)
{
    const qint64 seconds = qMax<qint64>(0, ms / 1000);
    const qint64 h = seconds / 3600;
    const qint64 m = (seconds % 3600) / 60;
    const qint64 s = seconds % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3")
                .arg(h)
                .arg(m, 2, 10, QLatin1Char('0'))
                .arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

// Sentence case for a phase name: phaseText() is written to follow "syncing: ".
QString capitalised(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

} // namespace

FirstSyncPage::FirstSyncPage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("FirstSyncPage"));
    auto *layout = new QVBoxLayout(this);

    auto *title = new QLabel(tr("Copying your data to this computer"), this);
    makeHeading(title, 1.3);
    layout->addWidget(title);

    m_account = new QLabel(this);
    m_account->setObjectName(QStringLiteral("account"));
    m_account->setWordWrap(true);
    layout->addWidget(m_account);
    layout->addSpacing(8);

    m_phase = new QLabel(this);
    m_phase->setObjectName(QStringLiteral("phase"));
    layout->addWidget(m_phase);
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("progress"));
    m_bar->setTextVisible(false);
    layout->addWidget(m_bar);

    auto *facts = new QFormLayout;
    facts->setLabelAlignment(Qt::AlignLeft);
    m_records = new QLabel(this);
    m_records->setObjectName(QStringLiteral("records"));
    m_bytes = new QLabel(this);
    m_bytes->setObjectName(QStringLiteral("bytes"));
    m_elapsed = new QLabel(this);
    m_elapsed->setObjectName(QStringLiteral("elapsed"));
    m_remaining = new QLabel(this);
    m_remaining->setObjectName(QStringLiteral("remaining"));
    facts->addRow(tr("Records received:"), m_records);
    facts->addRow(tr("Data received:"), m_bytes);
    facts->addRow(tr("Time so far:"), m_elapsed);
    facts->addRow(tr("Time left:"), m_remaining);
    layout->addLayout(facts);

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("syncNotice"));
    m_notice->setWordWrap(true);
    layout->addWidget(m_notice);
    layout->addStretch(1);

    auto *buttons = new QHBoxLayout;
    auto *hint =
            new QLabel(tr("You can stop now: the next start continues where it stopped."), this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    buttons->addWidget(hint, 1);
    m_cancel = new QPushButton(tr("Stop"), this);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    connect(m_cancel, &QPushButton::clicked, this, &FirstSyncPage::cancelRequested);
    buttons->addWidget(m_cancel);
    layout->addLayout(buttons);

    // The clock moves on between pages too: a big page can take a few seconds.
    m_ticker = new QTimer(this);
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &FirstSyncPage::updateTimes);
}

FirstSyncPage::~FirstSyncPage() = default;

qint64 FirstSyncPage::nowMs() const
{
    if (m_testElapsedMs >= 0)
        return m_testElapsedMs;
    return m_clock.isValid() ? m_clock.elapsed() : 0;
}

void FirstSyncPage::start(const QString &user, const QString &host)
{
    m_account->setText(tr("Signed in as %1 on %2. The customers, leads and tasks you may see "
                          "are copied once and kept encrypted; later starts open at once, even "
                          "offline.")
                               .arg(user, host));
    m_clock.start();
    m_estimate.start(nowMs());
    m_phase->setText(tr("Connecting…"));
    m_bar->setRange(0, 0); // busy until a count is known
    m_records->setText(QLocale().toString(0));
    m_bytes->setText(QLocale().formattedDataSize(0));
    m_notice->clear();
    m_ticker->start();
    updateTimes();
}

void FirstSyncPage::setProgress(sync::SyncPhase phase, qint64 done, qint64 total, qint64 bytes)
{
    m_notice->clear();
    m_phase->setText(capitalised(sync::SyncEngine::phaseText(phase)));
    // Pushing counts mutations, a snapshot rows (the server counts it on the first page);
    // a tail pull's total is the server's change number, not a number of records, so then
    // the bar just shows activity.
    const bool counted =
            (phase == sync::SyncPhase::Push || phase == sync::SyncPhase::Snapshot) && total > 0;
    m_estimate.update(done, counted ? total : -1, nowMs());
    if (counted) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(std::clamp<qint64>(done * 1000 / total, 0, 1000)));
    } else {
        m_bar->setRange(0, 0);
    }
    if (phase == sync::SyncPhase::Snapshot || phase == sync::SyncPhase::Pull)
        m_records->setText(QLocale().toString(done));
    m_bytes->setText(QLocale().formattedDataSize(bytes));
    updateTimes();
}

void FirstSyncPage::setRoundFinished(const sync::SyncOutcome &outcome)
{
    using Status = sync::SyncOutcome::Status;
    switch (outcome.status) {
    case Status::Transient:
        m_notice->setText(
                tr("The server did not answer (%1). Trying again by itself…").arg(outcome.message));
        break;
    case Status::Done:
    case Status::Cancelled:
        break;
    default:
        m_notice->setText(outcome.message);
        break;
    }
}

void FirstSyncPage::updateTimes()
{
    const qint64 now = nowMs();
    m_elapsed->setText(clockText(m_estimate.elapsedMs(now)));
    const std::optional<qint64> left = m_estimate.remainingMs(now);
    if (!left) {
        m_remaining->setText(tr("not known yet"));
    } else if (*left < 60000) {
        // Rounded up to 5 s: a countdown that jumps by one second looks precise and is not.
        m_remaining->setText(tr("about %n second(s)", nullptr, int((*left / 1000 + 5) / 5 * 5)));
    } else {
        m_remaining->setText(tr("about %n minute(s)", nullptr, int((*left + 59999) / 60000)));
    }
}

} // namespace branchline
