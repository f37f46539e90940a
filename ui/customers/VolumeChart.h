// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QAbstractItemModel;

namespace branchline {

// Bars of a merchant's monthly volume (MerchantVolumeModel: MonthRole, VolumeFenRole), in
// thousands of yuan, drawn with Qt Charts. Apart from VolumePanel so that a build without
// Qt Charts leaves only this file out.
class VolumeChart : public QWidget
{
    Q_OBJECT

public:
    explicit VolumeChart(QAbstractItemModel *model, QWidget *parent = nullptr);
    ~VolumeChart() override;

    // The bars' heights in thousands of yuan, as drawn (for tests).
    QList<qreal> bars() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();

    struct Parts;
    QAbstractItemModel *m_model;
    Parts *m_parts;
};

} // namespace branchline
