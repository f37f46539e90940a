// SPDX-License-Identifier: GPL-3.0-or-later
#include "ActivityTimelineModel.h"

#include <QLocale>

namespace branchline {

ActivityTimelineModel::ActivityTimelineModel(const QSqlDatabase &db, QObject *parent)
    : PagedRows<Activity>(parent)
    , m_repository(db)
    , m_syncMarks(db)
{
}

void ActivityTimelineModel::setRecord(const QString &relatedId)
{
    m_relatedId = relatedId;
    reload();
}

SaveResult ActivityTimelineModel::append(Activity &activity)
{
    activity.relatedId = m_relatedId;
    SaveResult result = m_repository.append(activity);
    if (result)
        reload(); // the newest entry belongs at the top: start the pages over
    return result;
}

int ActivityTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QList<Activity> ActivityTimelineModel::loadPage(const Activity *last, int limit,
                                                StoreError *error) const
{
    if (m_relatedId.isEmpty())
        return {};
    if (!last)
        m_marks.clear();
    const QList<Activity> page = m_repository.timeline(
            m_relatedId, last ? ActivityRepository::cursorAfter(*last) : PageCursor(), limit,
            error);
    QStringList ids;
    for (const Activity &activity : page)
        ids << activity.meta.id;
    m_marks.insert(m_syncMarks.of(QStringLiteral("activities"), ids));
    return page;
}

QVariant ActivityTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!validRow(index))
        return QVariant();
    const Activity &activity = rowAt(index.row());
    switch (role) {
    case IdRole:
        return activity.meta.id;
    case KindCodeRole:
        return RecordEnums::code(activity.kind);
    case BodyRole:
        return activity.body;
    case OccurredAtRole:
        return activity.occurredAt;
    case SyncStateRole:
        return int(m_marks.value(activity.meta.id).state);
    case SyncLabelRole:
        return SyncMarks::label(m_marks.value(activity.meta.id).state);
    case Qt::ToolTipRole:
        return m_marks.value(activity.meta.id).note;
    case Qt::DisplayRole:
        switch (index.column()) {
        case When:
            return QLocale().toString(activity.occurredAt.toLocalTime(), QLocale::ShortFormat);
        case Kind:
            return RecordEnums::label(activity.kind);
        case Subject:
            return activity.subject.isEmpty() ? activity.body.left(80) : activity.subject;
        }
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant ActivityTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case When:
        return tr("When");
    case Kind:
        return tr("Kind");
    case Subject:
        return tr("Subject");
    }
    return QVariant();
}

} // namespace branchline
