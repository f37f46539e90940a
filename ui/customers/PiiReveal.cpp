// SPDX-License-Identifier: GPL-3.0-or-later
#include "PiiReveal.h"

#include "PiiRevealService.h"
#include "RevealReasonDialog.h"
#include "domain/rules/FieldPolicy.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTime>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace branchline {

PiiReveal::PiiReveal(QLabel *notice, QWidget *form)
    : QObject(form)
    , m_notice(notice)
    , m_form(form)
{
}

QWidget *PiiReveal::addField(const QString &field, const QString &label, QWidget *editor)
{
    Field &f = m_fields[field];
    f.label = label;
    f.line = qobject_cast<QLineEdit *>(editor);
    f.display = qobject_cast<QLabel *>(editor);

    auto *box = new QWidget;
    auto *rows = new QVBoxLayout(box);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(2);
    // The button sits next to the value so it is clear which value it is about.
    auto *line = new QHBoxLayout;
    line->addWidget(editor, 1);
    f.button = new QToolButton(box);
    f.button->setObjectName(QStringLiteral("reveal_") + field);
    line->addWidget(f.button);
    rows->addLayout(line);
    f.marker = new QLabel(box);
    f.marker->setObjectName(QStringLiteral("revealedFor_") + field);
    f.marker->setWordWrap(true);
    f.marker->setForegroundRole(QPalette::PlaceholderText);
    f.marker->setVisible(false);
    rows->addWidget(f.marker);

    f.timer = new QTimer(this);
    f.timer->setSingleShot(true);
    connect(f.timer, &QTimer::timeout, this, [this, field] { hide(m_fields[field]); });
    connect(f.button, &QToolButton::clicked, this, [this, field] { clicked(field); });
    updateButton(f);
    return box;
}

void PiiReveal::setService(PiiRevealService *service)
{
    if (m_service)
        disconnect(m_service, nullptr, this, nullptr);
    m_service = service;
    if (service)
        connect(service, &PiiRevealService::answered, this, &PiiReveal::answered);
}

void PiiReveal::clicked(const QString &field)
{
    Field &f = m_fields[field];
    if (f.shown) {
        hide(f);
        return;
    }
    if (f.pending != 0 || m_customerId.isEmpty())
        return;
    if (!m_online) {
        say(tr("Showing the full value needs the server: it asks for your reason and records it "
               "in the audit trail. You are offline, so the value stays masked until you are "
               "connected again."));
        return;
    }
    if (!m_service) {
        say(tr("Showing the full value needs a signed-in session: the server asks for your "
               "reason and records it in the audit trail."));
        return;
    }
    if (f.line && !f.line->text().isEmpty()) {
        // The typed value is the person's work: it is not replaced, not even for a while.
        say(tr("You typed a new value for “%1”. Save it or clear the field first: revealing "
               "shows the value the server has.")
                    .arg(f.label));
        return;
    }
    ask(field);
}

void PiiReveal::ask(const QString &field)
{
    auto *dialog = new RevealReasonDialog(m_fields[field].label, m_customerName, m_form);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString customerId = m_customerId;
    connect(dialog, &QDialog::accepted, this, [this, dialog, field, customerId] {
        if (customerId == m_customerId)
            send(field, dialog->reason());
    });
    dialog->open();
}

void PiiReveal::send(const QString &field, const QString &reason)
{
    if (!m_service)
        return;
    say(QString());
    Field &f = m_fields[field];
    f.asked = reason;
    f.pending = m_service->reveal(m_customerId, { field }, reason);
    updateButton(f);
}

void PiiReveal::answered(quint64 requestId, const QHash<QString, QString> &values,
                         const QString &error)
{
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) {
        Field &f = it.value();
        if (requestId == 0 || f.pending != requestId)
            continue;
        f.pending = 0;
        if (error.isEmpty())
            show(f, values.value(it.key()), f.asked);
        else
            say(error);
        updateButton(f);
        return;
    }
    // Not found: asked for a customer the view no longer shows, so it is dropped.
}

void PiiReveal::show(Field &f, const QString &clear, const QString &reason)
{
    f.shown = true;
    f.clear = clear;
    f.reason = reason;
    put(f);
    f.timer->start(hideAfterMs);
    const QTime until = QTime::currentTime().addMSecs(hideAfterMs);
    f.marker->setText(tr("Shown for: %1. Masked again at %2.")
                              .arg(reason, QLocale().toString(until, QLocale::ShortFormat)));
    f.marker->setVisible(true);
}

void PiiReveal::put(Field &f)
{
    if (f.display) {
        f.maskedText = f.display->text();
        f.display->setText(f.clear);
    } else if (f.line) {
        // Read-only while shown: the clear value is never taken for an edit (and the form
        // reads the stored value for a shown field anyway).
        f.line->setReadOnly(true);
        f.line->setText(f.clear);
    }
}

void PiiReveal::hide(Field &f)
{
    if (!f.shown)
        return;
    f.timer->stop();
    if (f.display)
        f.display->setText(f.maskedText);
    if (f.line) {
        f.line->clear();
        f.line->setReadOnly(false);
    }
    f.shown = false;
    f.clear.clear();
    f.reason.clear();
    f.maskedText.clear();
    f.marker->clear();
    f.marker->setVisible(false);
    updateButton(f);
}

void PiiReveal::customerLoaded(const QString &customerId, const QString &customerName,
                               const QHash<QString, QString> &stored)
{
    const bool same = customerId == m_customerId;
    m_customerId = customerId;
    m_customerName = customerName;
    for (Field &f : m_fields) {
        if (f.shown && f.display)
            f.maskedText = f.display->text(); // the form just put the mask there again
    }
    if (!same) {
        hideAll();
        return;
    }
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) {
        Field &f = it.value();
        if (!f.shown)
            continue;
        // The store holds the value masked; its mask still matching the shown value's means
        // nobody changed it since it was shown.
        const std::optional<PiiKind> kind = FieldPolicy::piiKind(RecordType::Customer, it.key());
        if (kind && Masking::mask(*kind, stored.value(it.key())) == Masking::mask(*kind, f.clear))
            put(f);
        else
            hide(f);
    }
}

void PiiReveal::hideAll()
{
    for (Field &f : m_fields) {
        f.pending = 0;
        hide(f);
        updateButton(f);
    }
    say(QString());
}

void PiiReveal::updateButton(Field &f)
{
    if (f.shown) {
        f.button->setText(tr("Hide"));
        f.button->setToolTip(tr("Mask the full value again"));
    } else if (f.pending != 0) {
        f.button->setText(tr("Asking…"));
        f.button->setToolTip(tr("Waiting for the server"));
    } else {
        f.button->setText(tr("Reveal"));
        f.button->setToolTip(tr("Show the full value"));
    }
    f.button->setEnabled(f.pending == 0);
}

void PiiReveal::say(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

} // namespace branchline
