// SPDX-License-Identifier: GPL-3.0-or-later
#include "WidgetEditor.h"

#include "FieldList.h"
#include "FieldWell.h"
#include "dashboards/DataSetCatalog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace branchline {

namespace {

const WidgetType kTypes[] = { WidgetType::Kpi,  WidgetType::Bar,   WidgetType::StackedBar,
                              WidgetType::Line, WidgetType::Area,  WidgetType::Pie,
                              WidgetType::Donut, WidgetType::Table, WidgetType::Pivot };
const DateBucket kBuckets[] = { DateBucket::Day, DateBucket::Week, DateBucket::Month,
                                DateBucket::Quarter };
const RelativePeriod kPeriods[] = { RelativePeriod::Today,         RelativePeriod::Last7Days,
                                    RelativePeriod::Last30Days,    RelativePeriod::Last90Days,
                                    RelativePeriod::ThisWeek,      RelativePeriod::ThisMonth,
                                    RelativePeriod::PreviousMonth, RelativePeriod::ThisQuarter,
                                    RelativePeriod::PreviousQuarter, RelativePeriod::ThisYear,
                                    RelativePeriod::PreviousYear };

} // namespace

WidgetEditor::WidgetEditor(Role role, QWidget *parent)
    : QWidget(parent)
    , m_role(role)
    , m_title(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_dataSet(new QComboBox(this))
    , m_fields(new FieldList(role, this))
    , m_axes(new FieldWell(FieldList::Kind::Dimension, tr("Drop dimensions here"), this))
    , m_values(new FieldWell(FieldList::Kind::Measure, tr("Drop measures here"), this))
    , m_filters(new FieldWell(FieldList::Kind::Dimension, tr("Drop fields to filter by here"), this))
    , m_option(new QComboBox(this))
    , m_filterValues(new QLineEdit(this))
    , m_limit(new QSpinBox(this))
    , m_compare(new QCheckBox(tr("Compare with the previous period"), this))
{
    setObjectName(QStringLiteral("widgetEditor"));
    m_axes->setObjectName(QStringLiteral("axesWell"));
    m_values->setObjectName(QStringLiteral("valuesWell"));
    m_filters->setObjectName(QStringLiteral("filtersWell"));
    m_filterValues->setPlaceholderText(tr("Values, separated by commas"));
    m_limit->setRange(0, 1000);
    m_limit->setSpecialValueText(tr("All"));
    for (WidgetType type : kTypes)
        m_type->addItem(widgetTypeLabel(type), widgetTypeCode(type));
    for (const QString &set : DataSetCatalog::dataSets())
        m_dataSet->addItem(DataSetCatalog::dataSetLabel(set), set);

    auto *form = new QFormLayout;
    form->addRow(tr("Title"), m_title);
    form->addRow(tr("Type"), m_type);
    form->addRow(tr("Data set"), m_dataSet);
    form->addRow(tr("Axes"), m_axes);
    form->addRow(tr("Values"), m_values);
    form->addRow(tr("Filters"), m_filters);
    form->addRow(tr("Option"), m_option);
    form->addRow(tr("Filter values"), m_filterValues);
    form->addRow(tr("Top N"), m_limit);
    form->addRow(QString(), m_compare);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *fieldsLabel = new QLabel(tr("Fields"), this);
    layout->addWidget(fieldsLabel);
    layout->addWidget(m_fields, 1);
    layout->addLayout(form);

    connect(m_title, &QLineEdit::textEdited, this, [this](const QString &text) {
        WidgetDefinition after = m_widget;
        after.title = text;
        change(after, tr("Rename widget"));
    });
    connect(m_type, &QComboBox::activated, this, [this] {
        WidgetDefinition after = m_widget;
        after.type = widgetTypeFromCode(m_type->currentData().toString()).value_or(after.type);
        change(after, tr("Change widget type"));
    });
    connect(m_dataSet, &QComboBox::activated, this, [this] {
        WidgetDefinition after = m_widget;
        // Another data set has other fields: the query starts again with a count.
        after.query = QuerySpec();
        after.query.dataSet = m_dataSet->currentData().toString();
        after.query.measures = { MeasureSpec() };
        change(after, tr("Change data set"));
    });
    connect(m_axes, &FieldWell::fieldDropped, this, &WidgetEditor::addDimension);
    connect(m_values, &FieldWell::fieldDropped, this, &WidgetEditor::addMeasure);
    connect(m_filters, &FieldWell::fieldDropped, this, &WidgetEditor::addFilter);
    connect(m_axes, &FieldWell::removeRequested, this, [this](int i) {
        WidgetDefinition after = m_widget;
        after.query.dimensions.removeAt(i);
        after.query.sort.clear();
        change(after, tr("Remove dimension"));
    });
    connect(m_values, &FieldWell::removeRequested, this, [this](int i) {
        WidgetDefinition after = m_widget;
        after.query.measures.removeAt(i);
        after.query.sort.clear();
        change(after, tr("Remove measure"));
    });
    connect(m_filters, &FieldWell::removeRequested, this, [this](int i) {
        WidgetDefinition after = m_widget;
        after.query.filters.removeAt(i);
        change(after, tr("Remove filter"));
    });
    for (FieldWell *well : { m_axes, m_values, m_filters })
        connect(well, &QListWidget::currentRowChanged, this, &WidgetEditor::showOptions);
    connect(m_option, &QComboBox::activated, this, &WidgetEditor::applyOption);
    connect(m_filterValues, &QLineEdit::editingFinished, this, &WidgetEditor::applyFilterValues);
    connect(m_limit, &QSpinBox::valueChanged, this, [this](int value) {
        WidgetDefinition after = m_widget;
        after.query.limit = value;
        if (after.query.sort.isEmpty() && value > 0 && !after.query.measures.isEmpty())
            after.query.sort = { SortSpec() }; // top N of the first measure, largest first
        change(after, tr("Change top N"));
    });
    connect(m_compare, &QCheckBox::toggled, this, [this](bool on) {
        WidgetDefinition after = m_widget;
        after.comparePrevious = on;
        change(after, tr("Change comparison"));
    });
    setWidget(nullptr);
}

void WidgetEditor::setWidget(const WidgetDefinition *widget)
{
    m_hasWidget = widget != nullptr;
    m_widget = widget ? *widget : WidgetDefinition();
    setEnabled(m_hasWidget);
    refresh();
}

void WidgetEditor::refresh()
{
    const QSignalBlocker b1(m_title), b2(m_type), b3(m_dataSet), b4(m_limit), b5(m_compare);
    const QuerySpec &q = m_widget.query;
    if (m_title->text() != m_widget.title)
        m_title->setText(m_widget.title);
    m_type->setCurrentIndex(m_type->findData(widgetTypeCode(m_widget.type)));
    m_dataSet->setCurrentIndex(m_dataSet->findData(q.dataSet));
    m_fields->setDataSet(q.dataSet);
    QStringList axes, values, filters;
    for (const DimensionSpec &d : q.dimensions) {
        const auto field = DataSetCatalog::dimension(q.dataSet, d.field, m_role);
        QString label = field ? field->label : d.field;
        if (d.bucket != DateBucket::None)
            label += QStringLiteral(" (") + dateBucketLabel(d.bucket) + QLatin1Char(')');
        axes << label;
    }
    for (const MeasureSpec &m : q.measures)
        values << (m.label.isEmpty() ? DataSetCatalog::measureLabel(q.dataSet, m) : m.label);
    for (const FilterSpec &f : q.filters) {
        const auto field = DataSetCatalog::dimension(q.dataSet, f.field, m_role);
        QString label = field ? field->label : f.field;
        if (f.op == FilterOp::RelativeDate)
            label += QStringLiteral(": ") + relativePeriodLabel(f.period);
        else if (!f.values.isEmpty())
            label += QStringLiteral(": ") + QVariant(f.values).toStringList().join(QStringLiteral(", "));
        filters << label;
    }
    m_axes->setEntries(axes);
    m_values->setEntries(values);
    m_filters->setEntries(filters);
    m_limit->setValue(q.limit);
    m_compare->setChecked(m_widget.comparePrevious);
    m_compare->setVisible(m_widget.type == WidgetType::Kpi);
    showOptions();
}

void WidgetEditor::change(const WidgetDefinition &after, const QString &undoText)
{
    if (!m_hasWidget)
        return;
    m_widget = after;
    refresh();
    emit edited(after, undoText);
}

void WidgetEditor::addDimension(const QString &name)
{
    const auto field = DataSetCatalog::dimension(m_widget.query.dataSet, name, m_role);
    if (!field || m_widget.query.dimensions.size() >= 2)
        return;
    WidgetDefinition after = m_widget;
    DimensionSpec d;
    d.field = name;
    d.bucket = field->isDate ? DateBucket::Month : DateBucket::None;
    after.query.dimensions << d;
    change(after, tr("Add dimension"));
}

void WidgetEditor::addMeasure(const QString &name)
{
    WidgetDefinition after = m_widget;
    MeasureSpec m;
    if (!name.isEmpty()) {
        const auto field = DataSetCatalog::measure(m_widget.query.dataSet, name, m_role);
        if (!field || field->aggregates.isEmpty())
            return;
        m.aggregate = field->aggregates.first();
        m.field = name;
    }
    after.query.measures << m;
    change(after, tr("Add measure"));
}

void WidgetEditor::addFilter(const QString &name)
{
    const auto field = DataSetCatalog::dimension(m_widget.query.dataSet, name, m_role);
    if (!field)
        return;
    WidgetDefinition after = m_widget;
    FilterSpec f;
    f.field = name;
    if (field->isDate) {
        f.op = FilterOp::RelativeDate;
        f.period = RelativePeriod::Last30Days;
    } else {
        f.op = FilterOp::In;
    }
    after.query.filters << f;
    change(after, tr("Add filter"));
    m_filters->setCurrentRow(int(after.query.filters.size()) - 1);
}

void WidgetEditor::showOptions()
{
    const QSignalBlocker blocker(m_option);
    m_option->clear();
    m_filterValues->setEnabled(false);
    const QuerySpec &q = m_widget.query;
    QWidget *focus = focusWidget();
    Q_UNUSED(focus)
    const int axis = m_axes->currentRow();
    const int value = m_values->currentRow();
    const int filter = m_filters->currentRow();
    if (m_filters->hasFocus() || (filter >= 0 && axis < 0 && value < 0)) {
        if (filter < 0 || filter >= q.filters.size())
            return;
        const FilterSpec &f = q.filters.at(filter);
        if (f.op == FilterOp::RelativeDate) {
            for (RelativePeriod p : kPeriods)
                m_option->addItem(relativePeriodLabel(p), relativePeriodCode(p));
            m_option->setCurrentIndex(m_option->findData(relativePeriodCode(f.period)));
        } else {
            m_filterValues->setEnabled(true);
            m_filterValues->setText(QVariant(f.values).toStringList().join(QStringLiteral(", ")));
        }
        return;
    }
    if (value >= 0 && value < q.measures.size() && (m_values->hasFocus() || axis < 0)) {
        const MeasureSpec &m = q.measures.at(value);
        const auto field = DataSetCatalog::measure(q.dataSet, m.field, m_role);
        const QList<Aggregate> aggregates = field ? field->aggregates : QList<Aggregate>();
        for (Aggregate a : aggregates)
            m_option->addItem(aggregateLabel(a), aggregateCode(a));
        m_option->setCurrentIndex(m_option->findData(aggregateCode(m.aggregate)));
        return;
    }
    if (axis >= 0 && axis < q.dimensions.size()) {
        const DimensionSpec &d = q.dimensions.at(axis);
        const auto field = DataSetCatalog::dimension(q.dataSet, d.field, m_role);
        if (!field || !field->isDate)
            return;
        for (DateBucket b : kBuckets)
            m_option->addItem(dateBucketLabel(b), dateBucketCode(b));
        m_option->setCurrentIndex(m_option->findData(dateBucketCode(d.bucket)));
    }
}

void WidgetEditor::applyOption()
{
    const QString code = m_option->currentData().toString();
    WidgetDefinition after = m_widget;
    QuerySpec &q = after.query;
    const int filter = m_filters->currentRow();
    const int value = m_values->currentRow();
    const int axis = m_axes->currentRow();
    if (const auto period = relativePeriodFromCode(code); period && filter >= 0
        && filter < q.filters.size()) {
        q.filters[filter].period = *period;
        change(after, tr("Change filter"));
    } else if (const auto aggregate = aggregateFromCode(code); aggregate && value >= 0
               && value < q.measures.size()) {
        q.measures[value].aggregate = *aggregate;
        change(after, tr("Change measure"));
    } else if (const auto bucket = dateBucketFromCode(code); bucket && axis >= 0
               && axis < q.dimensions.size()) {
        q.dimensions[axis].bucket = *bucket;
        change(after, tr("Change date grouping"));
    }
}

void WidgetEditor::applyFilterValues()
{
    const int filter = m_filters->currentRow();
    if (filter < 0 || filter >= m_widget.query.filters.size())
        return;
    QVariantList values;
    for (const QString &part : m_filterValues->text().split(QLatin1Char(','))) {
        if (!part.trimmed().isEmpty())
            values << part.trimmed();
    }
    WidgetDefinition after = m_widget;
    FilterSpec &f = after.query.filters[filter];
    if (f.values == values)
        return;
    f.op = values.size() == 1 ? FilterOp::Equals : FilterOp::In;
    f.values = values;
    change(after, tr("Change filter"));
}

} // namespace branchline
