// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "repositories/LeadRepository.h"
#include "domain/rules/Role.h"

#include <QMap>
#include <QSqlDatabase>
#include <QWidget>

class QLabel;

namespace branchline {

class LeadCardView;
class LeadColumnModel;

// The leads board: a column per status (new, contacted, qualified, converted, lost), each
// headed by its name and how many leads it holds. Cards are dragged between columns by a
// role that may change a lead's status; into "converted" only by one that may also convert.
// The board only reports what the person did; LeadsPage decides what it means.
class LeadBoard : public QWidget
{
    Q_OBJECT

public:
    LeadBoard(const QSqlDatabase &db, Role viewer, QWidget *parent = nullptr);

    LeadCardView *column(LeadStatus status) const { return m_views.value(status); }
    LeadColumnModel *model(LeadStatus status) const { return m_models.value(status); }
    // The selected card's lead; empty when none is selected.
    QString currentLeadId() const;
    // Selects a lead's card, when it is loaded.
    void selectLead(const QString &leadId);

public slots:
    // Search text (and owner) for every column.
    void setFilter(const LeadFilter &filter);
    void refresh();

signals:
    void cardDropped(const QString &leadId, LeadStatus from, LeadStatus to);
    void leadActivated(const QString &leadId); // double click or Enter on a card
    void menuRequested(const QString &leadId, const QPoint &globalPos);
    void currentLeadChanged(const QString &leadId);

private:
    QWidget *buildColumn(LeadStatus status, const QSqlDatabase &db, Role viewer);
    void showCount(LeadStatus status);
    void onSelectionChanged(LeadStatus status);

    QMap<LeadStatus, LeadCardView *> m_views;
    QMap<LeadStatus, LeadColumnModel *> m_models;
    QMap<LeadStatus, QLabel *> m_headers;
    QString m_current;
};

} // namespace branchline
