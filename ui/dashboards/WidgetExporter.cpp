// SPDX-License-Identifier: GPL-3.0-or-later
#include "WidgetExporter.h"

#include "dashboards/DataSetCatalog.h"

#include <QPainter>
#include <QPdfWriter>
#include <QPixmap>
#include <QSaveFile>
#include <QWidget>

namespace branchline {

namespace {

bool isMeasureNumber(const ResultColumn &column)
{
    return !column.isDimension
            && (column.kind == ValueKind::Integer || column.kind == ValueKind::Money
                || column.kind == ValueKind::Decimal || column.kind == ValueKind::Percent);
}

// A CSV field, quoted when it must be. A text that a spreadsheet would run as a formula
// (=, +, -, @ first) gets a leading apostrophe: an exported name must not become a formula.
QString csvField(QString text, bool number)
{
    if (!number && !text.isEmpty()
        && QStringLiteral("=+-@").contains(text.front()))
        text.prepend(QLatin1Char('\''));
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"'))
        || text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'))) {
        text.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        text = QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

} // namespace

QVariant WidgetExporter::exportedNumber(const QueryResult &result, int row, int column)
{
    const QVariant value = result.value(row, column);
    if (value.isNull() || !value.isValid())
        return {};
    const double n = value.toDouble();
    return result.columns.at(column).kind == ValueKind::Money ? n / 100.0 : n;
}

bool WidgetExporter::savePng(QWidget *widget, const QString &path, QString *error)
{
    const QPixmap picture = widget->grab();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !picture.save(&file, "PNG") || !file.commit()) {
        *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool WidgetExporter::savePdf(QWidget *widget, const QString &title, const QString &path,
                             QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    {
        QPdfWriter pdf(&file);
        pdf.setTitle(title);
        pdf.setCreator(QStringLiteral("Branchline"));
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setPageOrientation(QPageLayout::Landscape);
        pdf.setResolution(150);
        QPainter painter(&pdf);
        const QRect page = painter.viewport();
        QFont font = painter.font();
        font.setPointSize(14);
        font.setBold(true);
        painter.setFont(font);
        const QRect titleBox(page.left(), page.top(), page.width(), page.height() / 12);
        painter.drawText(titleBox, Qt::AlignLeft | Qt::AlignVCenter, title);
        // The widget drawn as it is on screen, scaled to the rest of the page.
        const QPixmap picture = widget->grab();
        const QRect room(page.left(), titleBox.bottom() + 10, page.width(),
                         page.bottom() - titleBox.bottom() - 10);
        const QSize fitted = picture.size().scaled(room.size(), Qt::KeepAspectRatio);
        painter.drawPixmap(QRect(room.topLeft(), fitted), picture);
    }
    if (!file.commit()) {
        *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool WidgetExporter::saveCsv(const QueryResult &result, const QString &path, QString *error)
{
    QString text = QString(QChar(0xFEFF));
    QStringList header;
    for (const ResultColumn &column : result.columns)
        header << csvField(column.label, false);
    text += header.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    for (int r = 0; r < result.rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < result.columnCount(); ++c) {
            const ResultColumn &column = result.columns.at(c);
            if (isMeasureNumber(column)) {
                const QVariant n = exportedNumber(result, r, c);
                cells << (n.isNull() ? QString() : QString::number(n.toDouble(), 'g', 15));
            } else {
                cells << csvField(result.text(r, c), false);
            }
        }
        text += cells.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QString WidgetExporter::exportRefusal(const QuerySpec &spec, Role role)
{
    for (const DimensionSpec &d : spec.dimensions) {
        if (!DataSetCatalog::dimension(spec.dataSet, d.field, role))
            return tr("Your role may not export this widget's data: it groups by a field you "
                      "do not see in full.");
    }
    for (const MeasureSpec &m : spec.measures) {
        const QStringList fields{ m.field, m.numerator.field, m.denominator.field };
        for (const QString &field : fields) {
            if (!field.isEmpty() && !DataSetCatalog::measure(spec.dataSet, field, role))
                return tr("Your role may not export this widget's data: it measures a field "
                          "you do not see in full.");
        }
    }
    return QString();
}

} // namespace branchline
