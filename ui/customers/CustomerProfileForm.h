// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FieldMessages.h"
#include "domain/records/Customer.h"
#include "domain/rules/Role.h"
#include "domain/schema/RecordForms.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace branchline {

class PiiReveal;
class PiiRevealService;

// The profile part of the 360° view, rendered from the record schema: the sections and the
// place of each field come from RecordForms, each field's label, type and choices from
// RecordSchema, its value through the Customer struct's mapping. Each field is shown as
// FieldPolicy says for the
// viewer's role: left out when hidden, as text when the role may only see it, as an editor
// when it may edit it. Personal information is masked; its editor starts empty with the
// mask as placeholder, so typing replaces the value and leaving it empty keeps it (a mask
// is never written back). "Reveal" (PiiReveal) asks the server for the full value with a
// reason; a shown value is never taken for an edit.
class CustomerProfileForm : public QWidget
{
    Q_OBJECT

public:
    CustomerProfileForm(const QSqlDatabase &db, Role viewer, QWidget *parent = nullptr);

    void load(const Customer &customer);
    // `base` with the fields the user changed taken from the form. Saving applies them to
    // the record as stored now, so a value a sync round brought in meanwhile is kept, not
    // overwritten with what the form loaded before it.
    Customer applyEdits(Customer base) const;
    Customer edited() const { return applyEdits(m_loaded); }
    bool isDirty() const { return !m_touched.isEmpty(); }

    // Shows the issues under their fields; returns those that have no field on screen.
    FieldIssues showIssues(const FieldIssues &issues);
    void clearIssues() { m_messages.clear(); }

    // Where "Reveal" asks the server; none: it explains that it cannot.
    void setRevealService(PiiRevealService *service);
    // Masks every shown value again (the view is left or opens a customer).
    void hideRevealed();

public slots:
    void setOnline(bool online);
    // Reads the owner and branch choices again (after a sync round).
    void reloadChoices();

signals:
    void changed();

private:
    struct Field
    {
        const FieldSchema *schema = nullptr;
        QString emptyLabel; // what an empty choice reads as
        QLineEdit *line = nullptr;
        QComboBox *combo = nullptr;
        QPlainTextEdit *text = nullptr;
        QLabel *display = nullptr;
        QWidget *row = nullptr; // what the form layout holds, to hide the row
        QFormLayout *form = nullptr;
    };

    QFormLayout *addGroup(const QString &objectName, const QString &title);
    void addField(QFormLayout *form, const FieldSchema &field, const FormField &placed);
    bool isChoice(const QString &field) const;
    QString choiceLabel(const QString &field, const QString &code) const;
    void addLine(QFormLayout *form, const QString &field, const QString &label);
    void addNotes(QFormLayout *form, const QString &field, const QString &label);
    void addChoice(QFormLayout *form, const QString &field, const QString &label,
                   const QList<QPair<QString, QString>> &choices);
    void addRow(QFormLayout *form, const QString &field, const QString &label, QWidget *editor);
    bool editable(const QString &field) const;
    void alignLabels();

    void setValue(const QString &field, const QString &value);
    void setChoice(const QString &field, const QString &code, const QString &label);
    QString lineValue(const QString &field, const QString &stored) const;
    QString choiceValue(const QString &field, const QString &stored) const;
    CustomerKind currentKind() const;
    void updateKindRows();
    void markDirty(const QString &field);

    QSqlDatabase m_db;
    Role m_viewer;
    Customer m_loaded;
    QHash<QString, Field> m_fields;
    FieldMessages m_messages;
    QGroupBox *m_businessGroup = nullptr;
    QLabel *m_businessNote = nullptr;
    QLabel *m_revealNotice = nullptr;
    PiiReveal *m_reveal = nullptr;
    bool m_loading = false;
    QSet<QString> m_touched; // the fields the user changed since load()
};

} // namespace branchline
