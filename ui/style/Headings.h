// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

class QWidget;

namespace branchline {

// A page's or pane's title: the widget's own font, bold and `scale` times its size (1.2 for
// a pane's title, up to 1.6 for a record's name), so headings grow with the user's font.
void makeHeading(QWidget *widget, qreal scale);

} // namespace branchline
