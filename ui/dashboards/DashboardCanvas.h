// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QMimeData>
#include <QRect>
#include <QWidget>

namespace branchline {

class TileFrame;

// The dashboard's grid: tiles placed by grid cells, scaled to the width it is given. While
// designing, a tile's title bar moves it and its corner grip resizes it (a shaded outline
// shows the cells it will take), and widget types dragged from the palette drop onto it.
// The canvas does not change the layout itself: it asks (tileGeometryRequested,
// widgetTypeDropped) and whoever keeps the dashboard answers with setLayout(), so every
// change goes through the undo stack.
class DashboardCanvas : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardCanvas(QWidget *parent = nullptr);

    // The MIME type of a widget type dragged from the palette: "type;width;height".
    static QString widgetTypeMime();
    static QMimeData *widgetTypeData(const QString &type, const QSize &cells);

    void setEditable(bool editable);
    bool isEditable() const { return m_editable; }

    // Adds a tile, or returns the one with this id.
    TileFrame *addTile(const QString &id, const QRect &cells);
    void removeTile(const QString &id);
    void clear();
    TileFrame *tile(const QString &id) const { return m_tiles.value(id); }
    QList<TileFrame *> tiles() const;
    // Places every tile named in `layout` at its cells.
    void setLayout(const QHash<QString, QRect> &layout);
    QHash<QString, QRect> layout() const { return m_cells; }
    QRect cellsOf(const QString &id) const { return m_cells.value(id); }
    // The pixel rectangle of `cells` at the current width (for tests and drop previews).
    QRect pixelRect(const QRect &cells) const;

    void select(const QString &id);
    QString selected() const { return m_selected; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void tileGeometryRequested(const QString &id, const QRect &cells);
    void widgetTypeDropped(const QString &type, const QRect &cells);
    void tileSelected(const QString &id);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void place();
    void previewMove(TileFrame *tile, const QPoint &topLeft);
    void previewResize(TileFrame *tile, const QPoint &bottomRight);
    void finishDrag(TileFrame *tile);
    // The cells a dropped widget type would take with its top-left under `pos`.
    QRect dropCells(const QMimeData *payload, const QPoint &pos) const;
    QString droppedType(const QMimeData *payload) const;

    QHash<QString, TileFrame *> m_tiles;
    QHash<QString, QRect> m_cells;
    QString m_selected;
    bool m_editable = false;
    QRect m_preview; // cells outlined while dragging; null when nothing is dragged
};

} // namespace branchline
