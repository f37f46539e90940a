// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LanguagePreference.h"

#include <QDialog>

class QComboBox;
class QLabel;

namespace branchline {

// Edit ▸ Preferences: the interface language (follow the system, 简体中文 or English). A
// language IT locked in the branch configuration is shown greyed out, with a note that says
// so. OK keeps the choice in the settings; the app then rebuilds its window in the new
// language (MainWindowHost).
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(LanguagePreference preference, QWidget *parent = nullptr);

    // The open customer has edits not saved yet. Rebuilding the window in another language
    // would lose them, so OK then keeps the dialog open and asks to save them first.
    void setUnsavedEdits(bool unsaved) { m_unsavedEdits = unsaved; }

    QString language() const; // as chosen in the list: "zh_CN", "en" or "" for the system's
    // After OK: whether the language differs from the one before.
    bool languageChanged() const { return m_languageChanged; }

public slots:
    void accept() override;

private:
    LanguagePreference m_preference;
    QComboBox *m_language = nullptr;
    QLabel *m_problem = nullptr;
    bool m_unsavedEdits = false;
    bool m_languageChanged = false;
};

} // namespace branchline
