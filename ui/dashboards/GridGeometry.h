// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QPoint>
#include <QRect>
#include <QString>

namespace branchline {

// The dashboard's 12-column grid: cells to pixels and back, and where widgets go when one is
// moved or resized onto others. Pure arithmetic, so the designer's drag maths is tested
// without a mouse.
class GridGeometry
{
public:
    static constexpr int Columns = 12;
    static constexpr int RowHeight = 72; // pixels of one grid row
    static constexpr int Gap = 8; // pixels between two widgets

    explicit GridGeometry(int canvasWidth);

    int columnWidth() const;
    // The pixel rectangle of a widget covering `cells` (x, y in cells; width, height in cells).
    QRect pixelRect(const QRect &cells) const;
    // The cell under a pixel position, clamped into the grid.
    QPoint cellAt(const QPoint &pixel) const;
    // The cells that a rectangle dragged to `pixels` snaps to, keeping `size` cells.
    QRect snapMove(const QPoint &topLeftPixel, const QSize &size) const;
    // The cells that a widget at `cells` covers when its bottom-right corner is dragged to
    // `pixel`: at least one cell, never past the right edge.
    QRect snapResize(const QRect &cells, const QPoint &bottomRightPixel) const;
    // Pixels needed to show `rows` rows.
    static int heightFor(int rows);

    // `cells` made valid: 1 to 12 columns wide, at least one row high, inside the grid.
    static QRect clamp(const QRect &cells);
    // The layout after `movedId` is put at `cells`: any widget it now overlaps, and any that
    // one in turn overlaps, is pushed down just below, so nothing covers anything. Widgets
    // not in the way keep their place.
    static QHash<QString, QRect> settle(QHash<QString, QRect> layout, const QString &movedId,
                                        const QRect &cells);
    // The first place, top to bottom and left to right, where `size` fits without overlap.
    static QRect freePlace(const QHash<QString, QRect> &layout, const QSize &size);
    // The number of rows the layout uses.
    static int rowsUsed(const QHash<QString, QRect> &layout);

private:
    int m_width;
};

} // namespace branchline
