// SPDX-License-Identifier: GPL-3.0-or-later
#include "VolumeChart.h"

#include "Tones.h"
#include "itemmodels/MerchantVolumeModel.h"

#include <QAbstractItemModel>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLocale>
#include <QVBoxLayout>
#include <QValueAxis>

namespace branchline {

struct VolumeChart::Parts
{
    QChart *chart = nullptr;
    QChartView *view = nullptr;
    QBarSet *bars = nullptr;
    QBarSeries *series = nullptr;
    QBarCategoryAxis *months = nullptr;
    QValueAxis *amounts = nullptr;
};

VolumeChart::VolumeChart(QAbstractItemModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_parts(new Parts)
{
    setObjectName(QStringLiteral("volumeChart"));
    m_parts->chart = new QChart;
    m_parts->chart->legend()->hide();
    m_parts->chart->setMargins(QMargins(0, 0, 0, 0));
    m_parts->chart->setBackgroundVisible(false);
    m_parts->series = new QBarSeries;
    m_parts->bars = new QBarSet(tr("Volume"));
    m_parts->series->append(m_parts->bars);
    m_parts->chart->addSeries(m_parts->series);
    m_parts->months = new QBarCategoryAxis;
    m_parts->amounts = new QValueAxis;
    m_parts->amounts->setLabelFormat(QStringLiteral("%.0f"));
    m_parts->amounts->setTitleText(tr("¥ thousand"));
    m_parts->chart->addAxis(m_parts->months, Qt::AlignBottom);
    m_parts->chart->addAxis(m_parts->amounts, Qt::AlignLeft);
    m_parts->series->attachAxis(m_parts->months);
    m_parts->series->attachAxis(m_parts->amounts);
    m_parts->view = new QChartView(m_parts->chart, this);
    m_parts->view->setRenderHint(QPainter::Antialiasing);
    m_parts->view->setMinimumHeight(180);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_parts->view);
    connect(model, &QAbstractItemModel::modelReset, this, &VolumeChart::rebuild);
    rebuild();
}

VolumeChart::~VolumeChart()
{
    delete m_parts;
}

QList<qreal> VolumeChart::bars() const
{
    QList<qreal> heights;
    for (int i = 0; i < m_parts->bars->count(); ++i)
        heights << m_parts->bars->at(i);
    return heights;
}

void VolumeChart::rebuild()
{
    // The chart follows the palette: its own theme colours would be wrong in the dark.
    const QPalette colours = palette();
    m_parts->bars->setColor(Tones::colour(Tone::Info, colours));
    m_parts->bars->setBorderColor(Tones::colour(Tone::Info, colours));
    for (QAbstractAxis *axis : { static_cast<QAbstractAxis *>(m_parts->months),
                                 static_cast<QAbstractAxis *>(m_parts->amounts) }) {
        axis->setLabelsColor(colours.color(QPalette::Text));
        axis->setTitleBrush(colours.color(QPalette::Text));
        axis->setGridLineColor(colours.color(QPalette::Midlight));
        axis->setLinePenColor(colours.color(QPalette::Mid));
    }

    m_parts->bars->remove(0, m_parts->bars->count());
    QStringList labels;
    qreal peak = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const QDate month = index.data(MerchantVolumeModel::MonthRole).toDate();
        // Drawing only: the amounts themselves stay whole fen in the model and the table.
        const qreal thousands =
                qreal(index.data(MerchantVolumeModel::VolumeFenRole).toLongLong()) / 100000.0;
        m_parts->bars->append(thousands);
        peak = std::max(peak, thousands);
        // The month alone under its bar (the summary above says which year each is in), or
        // with its year where the name alone would repeat (a gap in the figures).
        const QString shortLabel = QLocale().toString(month, tr("MMM", "a month under a bar"));
        const bool withYear = labels.contains(shortLabel);
        labels << (withYear ? QLocale().toString(month,
                                                 tr("MMM yy", "a month under a bar, with its year"))
                            : shortLabel);
    }
    m_parts->months->clear();
    m_parts->months->append(labels);
    m_parts->amounts->setRange(0, peak > 0 ? peak * 1.1 : 1);
    m_parts->amounts->applyNiceNumbers();
}

void VolumeChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rebuild(); // light to dark or back while the program runs
}

} // namespace branchline
