// SPDX-License-Identifier: GPL-3.0-or-later
#include "FieldList.h"

#include "DragHook.h"
#include "dashboards/DataSetCatalog.h"

#include <QHeaderView>

namespace branchline {

FieldList::FieldList(Role role, QWidget *parent)
    : QTreeWidget(parent)
    , m_role(role)
{
    setObjectName(QStringLiteral("fieldList"));
    setHeaderHidden(true);
    setRootIsDecorated(false);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setToolTip(tr("Drag a field onto the widget's axes, values or filters"));
}

void FieldList::setDataSet(const QString &dataSet)
{
    if (dataSet == m_dataSet && topLevelItemCount() > 0)
        return;
    m_dataSet = dataSet;
    clear();
    m_dimensions = new QTreeWidgetItem(this, { tr("Dimensions") });
    m_measures = new QTreeWidgetItem(this, { tr("Measures") });
    for (QTreeWidgetItem *head : { m_dimensions, m_measures }) {
        head->setFlags(Qt::ItemIsEnabled);
        QFont bold = head->font(0);
        bold.setBold(true);
        head->setFont(0, bold);
    }
    for (const CatalogField &field : DataSetCatalog::dimensions(dataSet, m_role)) {
        auto *item = new QTreeWidgetItem(m_dimensions, { field.label });
        item->setData(0, Qt::UserRole, field.name);
    }
    auto *count = new QTreeWidgetItem(m_measures, { aggregateLabel(Aggregate::Count) });
    count->setData(0, Qt::UserRole, QString());
    for (const CatalogField &field : DataSetCatalog::measures(dataSet, m_role)) {
        auto *item = new QTreeWidgetItem(m_measures, { field.label });
        item->setData(0, Qt::UserRole, field.name);
    }
    expandAll();
}

QTreeWidgetItem *FieldList::itemFor(Kind kind, const QString &name) const
{
    QTreeWidgetItem *head = kind == Kind::Dimension ? m_dimensions : m_measures;
    for (int i = 0; head && i < head->childCount(); ++i) {
        if (head->child(i)->data(0, Qt::UserRole).toString() == name)
            return head->child(i);
    }
    return nullptr;
}

QString FieldList::mimeType()
{
    return QStringLiteral("application/x-branchline-dashboard-field");
}

QMimeData *FieldList::fieldData(Kind kind, const QString &name)
{
    auto *payload = new QMimeData;
    const QString text = (kind == Kind::Dimension ? QStringLiteral("dimension;")
                                                  : QStringLiteral("measure;"))
            + name;
    payload->setData(mimeType(), text.toUtf8());
    return payload;
}

FieldList::Dragged FieldList::dragged(const QMimeData *payload)
{
    Dragged field;
    if (!payload || !payload->hasFormat(mimeType()))
        return field;
    const QString text = QString::fromUtf8(payload->data(mimeType()));
    const QString kind = text.section(QLatin1Char(';'), 0, 0);
    field.name = text.section(QLatin1Char(';'), 1);
    field.kind = kind == QLatin1String("measure") ? Kind::Measure : Kind::Dimension;
    field.valid = kind == QLatin1String("measure") || kind == QLatin1String("dimension");
    return field;
}

void FieldList::startDrag(Qt::DropActions)
{
    QTreeWidgetItem *item = currentItem();
    if (!item || !item->parent())
        return;
    const Kind kind = item->parent() == m_measures ? Kind::Measure : Kind::Dimension;
    auto *drag = new QDrag(this);
    drag->setMimeData(fieldData(kind, item->data(0, Qt::UserRole).toString()));
    DragHook::run(drag);
}

} // namespace branchline
