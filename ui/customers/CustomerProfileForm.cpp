// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerProfileForm.h"

#include "PiiReveal.h"
#include "repositories/Directory.h"
#include "domain/rules/FieldPolicy.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace branchline {

namespace {

const QString kLegalName = QStringLiteral("legal_name");
const QString kKind = QStringLiteral("kind");
const QString kCreditCode = QStringLiteral("credit_code");
const QString kIdNumber = QStringLiteral("id_number");
const QString kPhone = QStringLiteral("phone");
const QString kCity = QStringLiteral("city");
const QString kAddress = QStringLiteral("address");
const QString kIndustry = QStringLiteral("industry");
const QString kMcc = QStringLiteral("mcc");
const QString kStatus = QStringLiteral("status");
const QString kRisk = QStringLiteral("risk_level");
const QString kKyc = QStringLiteral("kyc_status");
const QString kOwner = QStringLiteral("owner_id");
const QString kBranch = QStringLiteral("branch_id");
const QString kTags = QStringLiteral("tags");
const QString kNotes = QStringLiteral("notes");

template<typename Enum>
QList<QPair<QString, QString>> choicesOf()
{
    QList<QPair<QString, QString>> choices;
    for (const Enum value : RecordEnums::all<Enum>())
        choices << qMakePair(RecordEnums::code(value), RecordEnums::label(value));
    return choices;
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

    QFormLayout *identity = addGroup(QStringLiteral("identityGroup"), tr("Identity"));
    addLine(identity, kLegalName, tr("Legal name"));
    addChoice(identity, kKind, tr("Kind"), choicesOf<CustomerKind>());
    addLine(identity, kCreditCode, tr("Unified social credit code"));
    addLine(identity, kIdNumber, tr("Resident ID number"));
    addLine(identity, kPhone, tr("Mobile"));
    addLine(identity, kCity, tr("City"));
    addLine(identity, kAddress, tr("Address"));

    QFormLayout *business = addGroup(QStringLiteral("businessGroup"), QString());
    m_businessGroup = qobject_cast<QGroupBox *>(business->parentWidget());
    addLine(business, kIndustry, tr("Industry"));
    addLine(business, kMcc, tr("MCC"));
    m_businessNote = new QLabel(m_businessGroup);
    m_businessNote->setObjectName(QStringLiteral("businessNote"));
    m_businessNote->setWordWrap(true);
    m_businessNote->setForegroundRole(QPalette::PlaceholderText);
    business->addRow(m_businessNote);

    QFormLayout *compliance = addGroup(QStringLiteral("complianceGroup"), tr("Compliance"));
    addChoice(compliance, kStatus, tr("Status"), choicesOf<CustomerStatus>());
    QList<QPair<QString, QString>> risks{ qMakePair(QString(), tr("Not rated")) };
    risks << choicesOf<RiskLevel>();
    addChoice(compliance, kRisk, tr("Risk level"), risks);
    addChoice(compliance, kKyc, tr("KYC status"), choicesOf<KycStatus>());

    QFormLayout *assignment = addGroup(QStringLiteral("assignmentGroup"), tr("Assignment"));
    addChoice(assignment, kOwner, tr("Owner"), {});
    addChoice(assignment, kBranch, tr("Branch"), {});

    QFormLayout *notes = addGroup(QStringLiteral("notesGroup"), tr("Tags and notes"));
    addLine(notes, kTags, tr("Tags"));
    if (QLineEdit *tags = m_fields.value(kTags).line)
        tags->setPlaceholderText(tr("Separated by commas"));
    addNotes(notes, kNotes, tr("Notes"));
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
        combo->addItem(list.first == kOwner ? tr("Unassigned") : tr("No branch"), QString());
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
    const Directory directory(m_db);
    setValue(kLegalName, customer.legalName);
    setChoice(kKind, RecordEnums::code(customer.kind), RecordEnums::label(customer.kind));
    setValue(kCreditCode, customer.creditCode);
    setValue(kIdNumber, customer.idNumber);
    setValue(kPhone, customer.phone);
    setValue(kCity, customer.city);
    setValue(kAddress, customer.address);
    setValue(kIndustry, customer.industry);
    setValue(kMcc, customer.mcc);
    setChoice(kStatus, RecordEnums::code(customer.status), RecordEnums::label(customer.status));
    setChoice(kRisk, customer.riskLevel ? RecordEnums::code(*customer.riskLevel) : QString(),
              customer.riskLevel ? RecordEnums::label(*customer.riskLevel) : tr("Not rated"));
    setChoice(kKyc, RecordEnums::code(customer.kycStatus), RecordEnums::label(customer.kycStatus));
    const QString owner = directory.userName(customer.ownerId);
    setChoice(kOwner, customer.ownerId,
              customer.ownerId.isEmpty() ? tr("Unassigned")
                                         : (owner.isEmpty() ? customer.ownerId : owner));
    const QString branch = directory.branchName(customer.branchId);
    setChoice(kBranch, customer.branchId,
              customer.branchId.isEmpty() ? tr("No branch")
                                          : (branch.isEmpty() ? customer.branchId : branch));
    setValue(kTags, customer.tags.join(QStringLiteral(", ")));
    setValue(kNotes, customer.notes);
    m_reveal->customerLoaded(customer.meta.id, customer.legalName,
                             { { kCreditCode, customer.creditCode },
                               { kIdNumber, customer.idNumber },
                               { kPhone, customer.phone } });
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
    c.legalName = lineValue(kLegalName, c.legalName);
    c.kind = RecordEnums::parse<CustomerKind>(choiceValue(kKind, RecordEnums::code(c.kind)))
                     .value_or(c.kind);
    c.creditCode = lineValue(kCreditCode, c.creditCode).trimmed();
    c.idNumber = lineValue(kIdNumber, c.idNumber).trimmed();
    c.phone = lineValue(kPhone, c.phone).trimmed();
    c.city = lineValue(kCity, c.city);
    c.address = lineValue(kAddress, c.address).trimmed();
    c.industry = lineValue(kIndustry, c.industry).trimmed();
    c.mcc = lineValue(kMcc, c.mcc);
    c.status = RecordEnums::parse<CustomerStatus>(choiceValue(kStatus, RecordEnums::code(c.status)))
                       .value_or(c.status);
    c.riskLevel = RecordEnums::parse<RiskLevel>(
            choiceValue(kRisk, c.riskLevel ? RecordEnums::code(*c.riskLevel) : QString()));
    c.kycStatus = RecordEnums::parse<KycStatus>(choiceValue(kKyc, RecordEnums::code(c.kycStatus)))
                          .value_or(c.kycStatus);
    c.ownerId = choiceValue(kOwner, c.ownerId);
    c.branchId = choiceValue(kBranch, c.branchId);
    // People type the Chinese comma as often as the ASCII one.
    QString tags = lineValue(kTags, c.tags.join(QLatin1Char(',')));
    tags.replace(QChar(0xff0c), QLatin1Char(','));
    c.tags = tags.split(QLatin1Char(','), Qt::SkipEmptyParts);
    c.notes = lineValue(kNotes, c.notes);
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
