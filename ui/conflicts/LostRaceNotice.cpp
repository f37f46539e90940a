// SPDX-License-Identifier: GPL-3.0-or-later
#include "LostRaceNotice.h"

#include "ConflictResolution.h"
#include "conflicts/ConflictRepository.h"
#include "conflicts/ConflictText.h"
#include "domain/rules/FieldLabels.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>

namespace branchline {

LostRaceNotice::LostRaceNotice(const QSqlDatabase &db, const QString &userId, QWidget *parent)
    : QFrame(parent)
    , m_db(db)
    , m_userId(userId)
{
    setObjectName(QStringLiteral("lostRaceNotice"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("lostRaceText"));
    m_text->setWordWrap(true);
    m_text->setForegroundRole(QPalette::ToolTipText);
    layout->addWidget(m_text, 1);
    m_reapply = new QPushButton(tr("Apply mine again"), this);
    m_reapply->setObjectName(QStringLiteral("reapplyMine"));
    m_review = new QPushButton(tr("Review"), this);
    m_review->setObjectName(QStringLiteral("reviewConflicts"));
    auto *dismissButton = new QPushButton(tr("Dismiss"), this);
    dismissButton->setObjectName(QStringLiteral("dismissNotice"));
    layout->addWidget(m_reapply);
    layout->addWidget(m_review);
    layout->addWidget(dismissButton);
    connect(m_reapply, &QPushButton::clicked, this, &LostRaceNotice::reapply);
    connect(m_review, &QPushButton::clicked, this, [this] {
        const QString id = m_entries.size() == 1 ? m_entries.first().id : QString();
        dismiss();
        emit reviewRequested(id);
    });
    connect(dismissButton, &QPushButton::clicked, this, &LostRaceNotice::dismiss);
    setVisible(false);
}

QString LostRaceNotice::seenKey() const
{
    return QStringLiteral("notices/lostRaceSeen/") + m_userId;
}

void LostRaceNotice::check()
{
    const qint64 seen = QSettings().value(seenKey(), 0).toLongLong();
    StoreError error;
    const QList<ConflictEntry> found = ConflictRepository(m_db).lostRaces(m_userId, seen, &error);
    if (error.isError())
        return; // the status bar's conflict count still tells; try again next round
    // Entries resolved meanwhile (on another device) need no notice.
    m_entries = found;
    if (m_entries.isEmpty()) {
        setVisible(false);
        return;
    }
    if (m_entries.size() == 1) {
        const ConflictEntry &entry = m_entries.first();
        const QString field = FieldLabels::field(entry.table, entry.field);
        const QString record = ConflictText::record(entry);
        if (entry.otherIsAuthor()) {
            m_text->setText(tr("Your change to %1 of %2 was replaced by your newer edit on "
                               "another computer. The older value is kept in the conflict "
                               "journal.")
                                    .arg(field, record));
        } else {
            const QString who = entry.otherUserName.isEmpty() ? tr("someone else")
                                                              : entry.otherUserName;
            m_text->setText(tr("Your change to %1 of %2 was replaced by a newer edit by %3. "
                               "Your value is kept in the conflict journal.")
                                    .arg(field, record, who));
        }
    } else {
        m_text->setText(tr("%n of your changes were replaced by newer edits of the same "
                           "fields. Your values are kept in the conflict journal.",
                           nullptr, int(m_entries.size())));
    }
    m_reapply->setVisible(m_entries.size() == 1);
    setVisible(true);
}

void LostRaceNotice::reapply()
{
    if (m_entries.size() != 1)
        return;
    QString message;
    if (!ConflictResolution::resolve(m_db, m_userId, m_entries.first().id,
                                     ConflictResolution::Choice::Mine, QJsonValue(), &message)) {
        m_text->setText(message);
        return;
    }
    dismiss();
    emit reapplied();
}

void LostRaceNotice::dismiss()
{
    if (!m_entries.isEmpty())
        QSettings().setValue(seenKey(), m_entries.last().localId);
    m_entries.clear();
    setVisible(false);
}

} // namespace branchline
