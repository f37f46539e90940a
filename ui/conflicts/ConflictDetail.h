// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ConflictResolution.h"
#include "conflicts/ConflictEntry.h"
#include "domain/rules/Role.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace branchline {

// One journal entry: what happened, the value before the edit, the value that stands and
// the value the edit wanted, side by side, and the choices. Masked fields stay masked and
// cannot be merged by hand; entries that cannot be applied again only need acknowledging.
class ConflictDetail : public QWidget
{
    Q_OBJECT

public:
    explicit ConflictDetail(Role viewer, QWidget *parent = nullptr);

    // No entry: the pane says to pick one.
    void clear();
    void show(const ConflictEntry &entry);
    // A resolution the store refused, shown under the choices.
    void showFailure(const QString &message);

signals:
    void resolveRequested(const QString &conflictId, branchline::ConflictResolution::Choice choice,
                          const QJsonValue &merged);
    void openRecordRequested(const QString &table, const QString &recordId);

private:
    void useMerged();
    void setValue(QLabel *label, const QJsonValue &value, bool known);

    Role m_viewer;
    ConflictEntry m_entry;
    QWidget *m_content = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_explanation = nullptr;
    QLabel *m_base = nullptr;
    QLabel *m_theirs = nullptr;
    QLabel *m_mine = nullptr;
    QLabel *m_theirsCaption = nullptr;
    QPushButton *m_keepMine = nullptr;
    QPushButton *m_keepTheirs = nullptr;
    QWidget *m_mergeRow = nullptr;
    QLineEdit *m_merged = nullptr;
    QLabel *m_mergeError = nullptr;
    QLabel *m_state = nullptr;
    QPushButton *m_openRecord = nullptr;
};

} // namespace branchline
