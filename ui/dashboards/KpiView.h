// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ResultView.h"

class QLabel;

namespace branchline {

// One big number (the first measure) and, when the widget compares with the previous
// period, its change in percent, green up and red down, said in words as well.
class KpiView : public ResultView
{
    Q_OBJECT

public:
    KpiView(const WidgetDefinition &widget, const QueryResult &result, QWidget *parent = nullptr);

    QString valueText() const;
    QString changeText() const;

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QLabel *m_value;
    QLabel *m_change;
};

} // namespace branchline
