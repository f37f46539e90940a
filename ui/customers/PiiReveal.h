// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;
class QWidget;

namespace branchline {

class PiiRevealService;

// The "Reveal" action beside the personal data fields of the customer profile (DOMAIN.md,
// PII): it asks a reason (RevealReasonDialog), has the server show the clear value (allowed by
// role and audited there), shows it read-only in the field with "Shown for: <reason>" under
// it, and masks it again on Hide, when the view shows another customer, or after
// hideAfterMs. The clear value lives in the field's widget and here only: never in the
// store, the outbox, the form's edits or a log. Offline, or without a session to ask, the
// button explains why it cannot.
class PiiReveal : public QObject
{
    Q_OBJECT

public:
    // `notice` shows explanations and refusals; `form` is the parent of the reason dialog.
    PiiReveal(QLabel *notice, QWidget *form);

    // `editor` (the field's QLineEdit or QLabel) with the button beside it and the "shown
    // for" line under it: what goes into the field's row.
    QWidget *addField(const QString &field, const QString &label, QWidget *editor);

    void setService(PiiRevealService *service);
    void setOnline(bool online) { m_online = online; }
    // After the form put a customer's masked values into the fields; `stored` holds the
    // store's value of each field. Another customer: everything is masked again and answers
    // still on their way are dropped. The same one (after a save or a sync round): what was
    // shown is shown again, unless the value changed meanwhile.
    void customerLoaded(const QString &customerId, const QString &customerName,
                        const QHash<QString, QString> &stored);
    bool isShown(const QString &field) const { return m_fields.value(field).shown; }
    // Masks everything again and forgets the requests on their way.
    void hideAll();

    int hideAfterMs = 3 * 60 * 1000;

private:
    struct Field
    {
        QString label;
        QLineEdit *line = nullptr;
        QLabel *display = nullptr;
        QToolButton *button = nullptr;
        QLabel *marker = nullptr;
        QTimer *timer = nullptr;
        bool shown = false;
        QString clear;
        QString reason;
        QString maskedText; // what the display showed before the clear value
        quint64 pending = 0; // the request on its way
        QString asked; // its reason
    };

    void clicked(const QString &field);
    void ask(const QString &field);
    void send(const QString &field, const QString &reason);
    void answered(quint64 requestId, const QHash<QString, QString> &values, const QString &error);
    void show(Field &f, const QString &clear, const QString &reason);
    void put(Field &f); // the clear value into the field's widget
    void hide(Field &f);
    void updateButton(Field &f);
    void say(const QString &text);

    QLabel *m_notice;
    QWidget *m_form;
    QPointer<PiiRevealService> m_service;
    QHash<QString, Field> m_fields;
    QString m_customerId;
    QString m_customerName;
    bool m_online = false;
};

} // namespace branchline
