// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FieldList.h"

#include <QListWidget>

namespace branchline {

// One of a widget's wells: its axes (dimensions), its values (measures) or its filters
// (dimensions). Fields are dropped here from the FieldList; Delete removes the chosen one.
// The well only reports: WidgetEditor changes the query and shows it again.
class FieldWell : public QListWidget
{
    Q_OBJECT

public:
    FieldWell(FieldList::Kind accepts, const QString &placeholder, QWidget *parent = nullptr);

    void setEntries(const QStringList &labels);

signals:
    void fieldDropped(const QString &name);
    void removeRequested(int index);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    bool accepts(const QMimeData *payload) const;

    FieldList::Kind m_accepts;
    QString m_placeholder;
};

} // namespace branchline
