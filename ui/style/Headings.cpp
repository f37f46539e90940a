// SPDX-License-Identifier: GPL-3.0-or-later
#include "Headings.h"

#include <QFont>
#include <QWidget>

namespace branchline {

void makeHeading(QWidget *widget, qreal scale)
{
    QFont font = widget->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * scale);
    widget->setFont(font);
}

} // namespace branchline
