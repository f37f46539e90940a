// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PagedListModel.h"
#include "repositories/ActivityRepository.h"
#include "repositories/SyncMarks.h"

namespace branchline {

// A record's timeline, newest first, a page at a time.
class ActivityTimelineModel : public PagedRows<Activity>
{
    Q_OBJECT

public:
    enum Column { When, Kind, Subject, ColumnCount };
    enum ItemRole {
        IdRole = Qt::UserRole + 1,
        KindCodeRole,
        BodyRole,
        OccurredAtRole,
        SyncStateRole, // int: SyncMarks::State
        SyncLabelRole, // "Waiting to sync", "Refused by the server", or empty
    };

    explicit ActivityTimelineModel(const QSqlDatabase &db, QObject *parent = nullptr);

    void setRecord(const QString &relatedId);
    // Adds an activity to the store and shows it at the top at once.
    SaveResult append(Activity &activity);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QList<Activity> loadPage(const Activity *last, int limit, StoreError *error) const override;

private:
    ActivityRepository m_repository;
    SyncMarks m_syncMarks;
    QString m_relatedId;
    // The marks of the rows loaded so far, read with each page.
    mutable QHash<QString, SyncMarks::Mark> m_marks;
};

} // namespace branchline
