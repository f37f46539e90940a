// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerProfileForm.h"

#include "PiiReveal.h"
#include "domain/rules/FieldLabels.h"
#include "domain/rules/FieldPolicy.h"
#include "domain/schema/RecordFields.h"
#include "repositories/Directory.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace branchline {

namespace {

const QString kKind = QStringLiteral("kind");
const QString kCreditCode = QStringLiteral("credit_code");
const QString kIdNumber = QStringLiteral("id_number");
const QString kMcc = QStringLiteral("mcc");
const QString kOwner = QStringLiteral("owner_id");
const QString kBranch = QStringLiteral("branch_id");
const QString kTags = QStringLiteral("tags");
const QString kBusiness = QStringLiteral("business");

const RecordMapping<Customer> &mapping()
{
    return mappingOf<Customer>();
}

bool isPii(const QString &field)
{
    return FieldPolicy::piiKind(RecordType::Customer, field).has_value();
}

} // namespace

CustomerProfileForm::CustomerProfileForm(const QSqlDatabase &db, Role viewer, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_viewer(viewer)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_revealNotice = new QLabel(this);
    m_revealNotice->setObjectName(QStringLiteral("revealNotice"));
    m_revealNotice->setWordWrap(true);
    m_revealNotice->setFrameShape(QFrame::StyledPanel);
    m_revealNotice->setMargin(6);
    m_revealNotice->setVisible(false);
    layout->addWidget(m_revealNotice);
    m_reveal = new PiiReveal(m_revealNotice, this);

    const KindSchema &kind = RecordSchema::kind(RecordType::Customer);
    for (const FormSection &section : RecordForms::profile(RecordType::Customer)) {
        QFormLayout *form = addGroup(QString(section.name) + QStringLiteral("Group"),
                                     RecordForms::title(section));
        for (const FormField &placed : section.fields) {
            // Every placed key is a field of the kind (tests/schema checks it).
            if (const FieldSchema *field = kind.field(placed.key))
                addField(form, *field, placed);
        }
        if (section.name == kBusiness) {
            m_businessGroup = qobject_cast<QGroupBox *>(form->parentWidget());
            m_businessNote = new QLabel(m_businessGroup);
            m_businessNote->setObjectName(QStringLiteral("businessNote"));
            m_businessNote->setWordWrap(true);
            m_businessNote->setForegroundRole(QPalette::PlaceholderText);
            form->addRow(m_businessNote);
        }
    }
    if (QLineEdit *tags = m_fields.value(kTags).line)
        tags->setPlaceholderText(tr("Separated by commas"));
    layout->addStretch(1);

    if (QLineEdit *mcc = m_fields.value(kMcc).line)
        mcc->setMaxLength(4);
    alignLabels();
    reloadChoices();
}

void CustomerProfileForm::alignLabels()
{
    // Each group has its own form layout; one label width for all of them lines the
    // fields up down the whole profile.
    QList<QWidget *> labels;
    int width = 0;
    for (QGroupBox *group : findChildren<QGroupBox *>()) {
        auto *form = qobject_cast<QFormLayout *>(group->layout());
        for (int row = 0; form && row < form->rowCount(); ++row) {
            QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole);
            if (item && item->widget()) {
                labels << item->widget();
                width = qMax(width, item->widget()->sizeHint().width());
            }
        }
    }
    for (QWidget *label : std::as_const(labels))
        label->setMinimumWidth(width);
}

QFormLayout *CustomerProfileForm::addGroup(const QString &objectName, const QString &title)
{
    auto *group = new QGroupBox(title, this);
    group->setObjectName(objectName);
    auto *form = new QFormLayout(group);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    layout()->addWidget(group);
    return form;
}

void CustomerProfileForm::addField(QFormLayout *form, const FieldSchema &field,
                                   const FormField &placed)
{
    const QString key(field.key);
    const QString label = FieldLabels::field(QStringLiteral("customers"), key);
    m_fields[key].schema = &field;
    m_fields[key].emptyLabel = RecordForms::emptyLabel(placed);
    if (field.type == FieldType::LongText) {
        addNotes(form, key, label);
    } else if (field.type == FieldType::Choice) {
        QList<QPair<QString, QString>> choices;
        if (!field.has(FieldSchema::Required))
            choices << qMakePair(QString(), choiceLabel(key, QString()));
        for (const QString &code : field.vocabulary())
            choices << qMakePair(code, choiceLabel(key, code));
        addChoice(form, key, label, choices);
    } else if (field.access == FieldClass::Assignment) {
        addChoice(form, key, label, {}); // people and branches: reloadChoices()
    } else {
        addLine(form, key, label);
    }
}

bool CustomerProfileForm::isChoice(const QString &field) const
{
    const FieldSchema *schema = m_fields.value(field).schema;
    return schema
            && (schema->type == FieldType::Choice || schema->access == FieldClass::Assignment);
}

QString CustomerProfileForm::choiceLabel(const QString &field, const QString &code) const
{
    const Field f = m_fields.value(field);
    if (code.isEmpty())
        return f.emptyLabel.isEmpty() ? tr("—") : f.emptyLabel;
    if (f.schema && f.schema->choiceLabel) {
        if (const std::optional<QString> label = f.schema->choiceLabel(code))
            return *label;
    }
    const Directory directory(m_db);
    const QString name = field == kOwner
            ? directory.userName(code)
            : (field == kBranch ? directory.branchName(code) : QString());
    return name.isEmpty() ? code : name; // an owner or branch not (yet) on this computer
}

bool CustomerProfileForm::editable(const QString &field) const
{
    return FieldPolicy::permission(m_viewer, RecordType::Customer, field)
            == FieldPermission::Editable;
}

void CustomerProfileForm::addRow(QFormLayout *form, const QString &field, const QString &label,
                                 QWidget *editor)
{
    Field &f = m_fields[field];
    f.form = form;
    QWidget *content = editor;
    if (FieldPolicy::mayReveal(m_viewer, RecordType::Customer, field))
        content = m_reveal->addField(field, label, editor);
    f.row = m_messages.wrap(field, content, form->parentWidget());
    form->addRow(label, f.row);
}

void CustomerProfileForm::addLine(QFormLayout *form, const QString &field, const QString &label)
{
    const FieldPermission permission =
            FieldPolicy::permission(m_viewer, RecordType::Customer, field);
    if (permission == FieldPermission::Hidden)
        return;
    QWidget *editor = nullptr;
    if (editable(field)) {
        auto *line = new QLineEdit;
        line->setObjectName(field);
        if (isPii(field))
            line->setToolTip(tr("Type a new value to replace the current one; leave it empty "
                                "to keep it."));
        connect(line, &QLineEdit::textEdited, this, [this, field] { markDirty(field); });
        m_fields[field].line = line;
        editor = line;
    } else {
        auto *display = new QLabel;
        display->setObjectName(field);
        display->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_fields[field].display = display;
        editor = display;
    }
    addRow(form, field, label, editor);
}

void CustomerProfileForm::addNotes(QFormLayout *form, const QString &field, const QString &label)
{
    if (FieldPolicy::permission(m_viewer, RecordType::Customer, field) == FieldPermission::Hidden)
        return;
    if (!editable(field)) {
        addLine(form, field, label);
        m_fields[field].display->setWordWrap(true);
        return;
    }
    auto *text = new QPlainTextEdit;
    text->setObjectName(field);
    text->setTabChangesFocus(true);
    text->setFixedHeight(fontMetrics().lineSpacing() * 4 + 12);
    connect(text, &QPlainTextEdit::textChanged, this, [this, field] { markDirty(field); });
    m_fields[field].text = text;
    addRow(form, field, label, text);
}

void CustomerProfileForm::addChoice(QFormLayout *form, const QString &field, const QString &label,
                                    const QList<QPair<QString, QString>> &choices)
{
    if (FieldPolicy::permission(m_viewer, RecordType::Customer, field) == FieldPermission::Hidden)
        return;
    if (!editable(field)) {
        addLine(form, field, label);
        return;
    }
    auto *combo = new QComboBox;
    combo->setObjectName(field);
    for (const auto &choice : choices)
        combo->addItem(choice.second, choice.first);
    connect(combo, &QComboBox::currentIndexChanged, this, [this, field] {
        if (m_loading)
            return;
        markDirty(field);
        if (field == kKind)
            updateKindRows();
    });
    m_fields[field].combo = combo;
    addRow(form, field, label, combo);
}

void CustomerProfileForm::reloadChoices()
{
    const Directory directory(m_db);
    const QList<QPair<QString, QList<DirectoryEntry>>> lists{ { kOwner, directory.users() },
                                                              { kBranch, directory.branches() } };
    const bool wasLoading = m_loading;
    m_loading = true;
    for (const auto &list : lists) {
        QComboBox *combo = m_fields.value(list.first).combo;
        if (!combo)
            continue;
        const QString current = combo->currentData().toString();
        combo->clear();
        combo->addItem(choiceLabel(list.first, QString()), QString());
        for (const DirectoryEntry &entry : list.second)
            combo->addItem(entry.name, entry.id);
        const int index = combo->findData(current);
        combo->setCurrentIndex(qMax(0, index));
    }
    m_loading = wasLoading;
}

void CustomerProfileForm::load(const Customer &customer)
{
    m_loading = true;
    m_loaded = customer;
    QHash<QString, QString> pii; // the store's value of each personal-data field
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const QString &key = it.key();
        const BoundField<Customer> *bound = mapping().field(key);
        if (!bound)
            continue;
        const QVariant value = bound->access.get(customer);
        if (isChoice(key))
            setChoice(key, value.toString(), choiceLabel(key, value.toString()));
        else if (it->schema->type == FieldType::TextList)
            setValue(key, value.toStringList().join(QStringLiteral(", ")));
        else
            setValue(key, value.toString());
        if (it->schema->pii)
            pii.insert(key, value.toString());
    }
    m_reveal->customerLoaded(customer.meta.id, customer.legalName, pii);
    m_messages.clear();
    updateKindRows();
    m_touched.clear();
    m_loading = false;
}

void CustomerProfileForm::setValue(const QString &field, const QString &value)
{
    const Field f = m_fields.value(field);
    const QString shown = FieldPolicy::present(m_viewer, RecordType::Customer, field, value, false);
    if (f.line) {
        // Personal information is never put into an editor in clear: the mask shows as
        // the placeholder and the editor holds only what the user types.
        if (isPii(field)) {
            f.line->clear();
            f.line->setPlaceholderText(shown);
        } else {
            f.line->setText(value);
        }
    } else if (f.text) {
        f.text->setPlainText(value);
    } else if (f.display) {
        f.display->setText(shown.isEmpty() ? tr("—") : shown);
    }
}

void CustomerProfileForm::setChoice(const QString &field, const QString &code, const QString &label)
{
    const Field f = m_fields.value(field);
    if (f.combo) {
        int index = f.combo->findData(code);
        if (index < 0) { // an owner or branch not (yet) on this computer
            f.combo->addItem(label, code);
            index = f.combo->count() - 1;
        }
        f.combo->setCurrentIndex(index);
    } else if (f.display) {
        f.display->setText(label);
    }
}

QString CustomerProfileForm::lineValue(const QString &field, const QString &stored) const
{
    const Field f = m_fields.value(field);
    // A shown full value is the server's, read-only: never an edit to save here.
    if (!m_touched.contains(field) || m_reveal->isShown(field))
        return stored;
    if (f.text)
        return f.text->toPlainText();
    if (!f.line)
        return stored;
    if (isPii(field) && f.line->text().trimmed().isEmpty())
        return stored; // left empty: keep the value behind the mask
    return f.line->text();
}

QString CustomerProfileForm::choiceValue(const QString &field, const QString &stored) const
{
    const Field f = m_fields.value(field);
    return f.combo && m_touched.contains(field) ? f.combo->currentData().toString() : stored;
}

Customer CustomerProfileForm::applyEdits(Customer c) const
{
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const QString &key = it.key();
        const BoundField<Customer> *bound = mapping().field(key);
        if (!bound || !m_touched.contains(key))
            continue;
        const QVariant stored = bound->access.get(c);
        if (isChoice(key)) {
            // A code the field does not take leaves the stored value (set() refuses it).
            bound->access.set(c, choiceValue(key, stored.toString()));
        } else if (it->schema->type == FieldType::TextList) {
            // People type the Chinese comma as often as the ASCII one.
            QString items = lineValue(key, stored.toStringList().join(QLatin1Char(',')));
            items.replace(QChar(0xff0c), QLatin1Char(','));
            bound->access.set(c, items.split(QLatin1Char(','), Qt::SkipEmptyParts));
        } else {
            const QString text = lineValue(key, stored.toString());
            bound->access.set(c, it->schema->type == FieldType::Text ? text.trimmed() : text);
        }
    }
    return c;
}

CustomerKind CustomerProfileForm::currentKind() const
{
    return RecordEnums::parse<CustomerKind>(choiceValue(kKind, RecordEnums::code(m_loaded.kind)))
            .value_or(m_loaded.kind);
}

void CustomerProfileForm::updateKindRows()
{
    const CustomerKind kind = currentKind();
    const bool person = kind == CustomerKind::Individual;
    // The identifier of the other kind stays on screen while it holds a value, so a
    // message about it ("an individual has no credit code") has a field to stand under.
    const QList<QPair<QString, bool>> rows{
        { kCreditCode, !person || !m_loaded.creditCode.isEmpty() },
        { kIdNumber, person || !m_loaded.idNumber.isEmpty() },
        { kMcc, kind == CustomerKind::Merchant || !m_loaded.mcc.isEmpty() },
    };
    for (const auto &row : rows) {
        const Field f = m_fields.value(row.first);
        if (f.form && f.row)
            f.form->setRowVisible(f.row, row.second);
        m_messages.setFieldShown(row.first, row.second);
    }
    switch (kind) {
    case CustomerKind::Merchant:
        m_businessGroup->setTitle(tr("Merchant detail"));
        m_businessNote->setText(tr("Fee rates and terminals are on the Merchant tab, the "
                                   "monthly volume on the Volume tab."));
        break;
    case CustomerKind::Individual:
        m_businessGroup->setTitle(tr("Borrower detail"));
        m_businessNote->setText(tr("Loan applications and repayment schedules are not on this "
                                   "computer yet."));
        break;
    case CustomerKind::Corporate:
        m_businessGroup->setTitle(tr("Borrower detail"));
        m_businessNote->setText(tr("The credit limit is on the Borrower tab; loans and repayment "
                                   "schedules are not on this computer yet."));
        break;
    }
}

FieldIssues CustomerProfileForm::showIssues(const FieldIssues &issues)
{
    return m_messages.show(issues);
}

void CustomerProfileForm::setRevealService(PiiRevealService *service)
{
    m_reveal->setService(service);
}

void CustomerProfileForm::hideRevealed()
{
    m_reveal->hideAll();
}

void CustomerProfileForm::setOnline(bool online)
{
    m_reveal->setOnline(online);
}

void CustomerProfileForm::markDirty(const QString &field)
{
    if (m_loading)
        return;
    m_touched.insert(field);
    emit changed();
}

} // namespace branchline
