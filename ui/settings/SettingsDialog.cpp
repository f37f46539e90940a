// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsDialog.h"

#include "Tones.h"
#include "Translations.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace branchline {

namespace {

// Each language is named in itself, so a person who cannot read the current one still
// finds their own.
QString nativeName(const QString &language)
{
    return language == QLatin1String("zh_CN") ? QStringLiteral("简体中文")
                                              : QStringLiteral("English");
}

} // namespace

SettingsDialog::SettingsDialog(LanguagePreference preference, QWidget *parent)
    : QDialog(parent)
    , m_preference(std::move(preference))
{
    setObjectName(QStringLiteral("SettingsDialog"));
    setWindowTitle(tr("Preferences"));

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    const QString systemLanguage = Translations::catalogueFor(QLocale::system());
    m_language->addItem(tr("Follow the system (%1)")
                                .arg(nativeName(systemLanguage.isEmpty() ? QStringLiteral("en")
                                                                         : systemLanguage)),
                        QString());
    for (const QString &language : { QStringLiteral("zh_CN"), QStringLiteral("en") })
        m_language->addItem(nativeName(language), language);
    m_language->setCurrentIndex(qMax(0, m_language->findData(m_preference.language())));

    auto *note = new QLabel(this);
    note->setObjectName(QStringLiteral("languageNote"));
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    if (m_preference.isLocked()) {
        m_language->setEnabled(false);
        note->setText(tr("Set by your branch's IT for this computer; ask them to change it."));
    } else {
        note->setText(tr("The window changes language at once; what you were working on "
                         "stays open."));
    }

    auto *form = new QFormLayout;
    form->addRow(tr("Interface &language:"), m_language);
    form->addRow(QString(), note);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setVisible(false);
    Tones::setTextTone(m_problem, Tone::Error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addSpacing(fontMetrics().height());
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

QString SettingsDialog::language() const
{
    return m_language->currentData().toString();
}

void SettingsDialog::accept()
{
    const QString before = m_preference.language();
    const bool change = !m_preference.isLocked() && language() != before;
    if (change && m_unsavedEdits) {
        m_problem->setText(tr("The customer you have open has edits that are not saved. Save "
                              "or discard them first, then change the language."));
        m_problem->setVisible(true);
        return;
    }
    if (change)
        m_preference.choose(language());
    m_languageChanged = m_preference.language() != before;
    QDialog::accept();
}

} // namespace branchline
