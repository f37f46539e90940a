// SPDX-License-Identifier: GPL-3.0-or-later
// DashboardView's exports: a widget or the whole dashboard as PNG or PDF, a widget's data as
// CSV or XLSX. Apart from DashboardView.cpp to keep each file about one thing.
#include "DashboardCanvas.h"
#include "DashboardDocument.h"
#include "DashboardView.h"
#include "FileChooser.h"
#include "TileFrame.h"
#include "WidgetExporter.h"

#include <QLoggingCategory>

namespace branchline {

Q_LOGGING_CATEGORY(lcDashboardExport, "branchline.ui.dashboards.export")

namespace {

QString suffix(DashboardView::Format format)
{
    switch (format) {
    case DashboardView::Format::Png:
        return QStringLiteral("png");
    case DashboardView::Format::Pdf:
        return QStringLiteral("pdf");
    case DashboardView::Format::Csv:
        return QStringLiteral("csv");
    case DashboardView::Format::Xlsx:
        break;
    }
    return QStringLiteral("xlsx");
}

QString filterFor(DashboardView::Format format)
{
    switch (format) {
    case DashboardView::Format::Png:
        return DashboardView::tr("PNG pictures (*.png)");
    case DashboardView::Format::Pdf:
        return DashboardView::tr("PDF documents (*.pdf)");
    case DashboardView::Format::Csv:
        return DashboardView::tr("CSV files (*.csv)");
    case DashboardView::Format::Xlsx:
        break;
    }
    return DashboardView::tr("Excel workbooks (*.xlsx)");
}

// A file name from a title: what the user reads, without characters file systems refuse.
QString fileNameFor(const QString &title, DashboardView::Format format)
{
    QString name = title.trimmed();
    for (const QChar bad : QStringLiteral("/\\:*?\"<>|"))
        name.replace(bad, QLatin1Char('_'));
    if (name.isEmpty())
        name = QStringLiteral("dashboard");
    return name + QLatin1Char('.') + suffix(format);
}

} // namespace

bool DashboardView::exportWidget(const QString &widgetId, Format format)
{
    const WidgetDefinition *widget = m_document->widget(widgetId);
    TileFrame *tile = m_canvas->tile(widgetId);
    if (!widget || !tile)
        return false;
    const bool isData = format == Format::Csv || format == Format::Xlsx;
    const QueryResult result = m_results.value(widgetId);
    if (isData) {
        // The data leaves the program: only what this role sees in full (no masked PII).
        const QString refusal = WidgetExporter::exportRefusal(widget->query, m_role);
        if (!refusal.isEmpty()) {
            setNotice(refusal);
            return false;
        }
        if (!result.ok() || result.columns.isEmpty()) {
            setNotice(tr("This widget has no data to export yet."));
            return false;
        }
    }
    const QString path = FileChooser::saveFileName(this, tr("Export %1").arg(widget->title),
                                                   fileNameFor(widget->title, format),
                                                   filterFor(format));
    if (path.isEmpty())
        return false;
    QString error;
    bool ok = false;
    switch (format) {
    case Format::Png:
        ok = WidgetExporter::savePng(tile, path, &error);
        break;
    case Format::Pdf:
        ok = WidgetExporter::savePdf(tile, widget->title, path, &error);
        break;
    case Format::Csv:
        ok = WidgetExporter::saveCsv(result, path, &error);
        break;
    case Format::Xlsx:
        ok = WidgetExporter::saveXlsx(result, widget->title, path, &error);
        break;
    }
    setNotice(ok ? QString() : error);
    if (ok && isData) {
        // No audit trail on this computer to write to (see docs/dashboards.md): the export
        // is noted in the log without its contents, never with values.
        qCInfo(lcDashboardExport, "exported widget data: %d rows, format %s",
               result.rowCount(), qPrintable(suffix(format)));
    }
    return ok;
}

bool DashboardView::exportDashboard(Format format)
{
    if (format != Format::Png && format != Format::Pdf)
        return false;
    const QString name = m_document->definition().name;
    const QString path = FileChooser::saveFileName(this, tr("Export %1").arg(name),
                                                   fileNameFor(name, format), filterFor(format));
    if (path.isEmpty())
        return false;
    QString error;
    const bool ok = format == Format::Png ? WidgetExporter::savePng(m_canvas, path, &error)
                                          : WidgetExporter::savePdf(m_canvas, name, path, &error);
    setNotice(ok ? QString() : error);
    return ok;
}

} // namespace branchline
