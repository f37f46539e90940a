// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/Role.h"

#include <QMimeData>
#include <QTreeWidget>

namespace branchline {

// The dimensions and measures one data set offers the viewer's role (DataSetCatalog), to
// drag onto a widget's wells. Fields the role may not see are not there at all.
class FieldList : public QTreeWidget
{
    Q_OBJECT

public:
    enum class Kind { Dimension, Measure };
    struct Dragged
    {
        Kind kind = Kind::Dimension;
        QString name;
        bool valid = false;
    };

    explicit FieldList(Role role, QWidget *parent = nullptr);

    void setDataSet(const QString &dataSet);
    QString dataSet() const { return m_dataSet; }
    // The row of a field (for tests); null when not offered.
    QTreeWidgetItem *itemFor(Kind kind, const QString &name) const;

    static QString mimeType();
    static QMimeData *fieldData(Kind kind, const QString &name);
    static Dragged dragged(const QMimeData *payload);

protected:
    void startDrag(Qt::DropActions supportedActions) override;

private:
    Role m_role;
    QString m_dataSet;
    QTreeWidgetItem *m_dimensions = nullptr;
    QTreeWidgetItem *m_measures = nullptr;
};

} // namespace branchline
