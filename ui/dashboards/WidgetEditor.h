// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/DashboardDefinition.h"
#include "domain/rules/Role.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace branchline {

class FieldList;
class FieldWell;

// The chosen widget's settings while designing: title, type, data set, the field list and
// the wells (axes, values, filters) it is built from by dragging, how a date is grouped,
// how a measure aggregates, a filter's values, top N and the KPI's comparison. Every change
// is reported as the whole new widget (edited()), which the designer pushes on the undo
// stack; the tile redraws at once (the live preview).
class WidgetEditor : public QWidget
{
    Q_OBJECT

public:
    explicit WidgetEditor(Role role, QWidget *parent = nullptr);

    // Shows `widget`; nullptr for none chosen.
    void setWidget(const WidgetDefinition *widget);
    FieldList *fieldList() const { return m_fields; }
    FieldWell *axesWell() const { return m_axes; }
    FieldWell *valuesWell() const { return m_values; }
    FieldWell *filtersWell() const { return m_filters; }
    QLineEdit *titleEdit() const { return m_title; }

signals:
    void edited(const branchline::WidgetDefinition &widget, const QString &undoText);

private:
    void refresh();
    void change(const WidgetDefinition &after, const QString &undoText);
    void addDimension(const QString &name);
    void addMeasure(const QString &name);
    void addFilter(const QString &name);
    void showOptions();
    void applyOption();
    void applyFilterValues();

    Role m_role;
    WidgetDefinition m_widget;
    bool m_hasWidget = false;
    QLineEdit *m_title;
    QComboBox *m_type;
    QComboBox *m_dataSet;
    FieldList *m_fields;
    FieldWell *m_axes;
    FieldWell *m_values;
    FieldWell *m_filters;
    QComboBox *m_option; // bucket of a date axis, aggregate of a measure, period of a date filter
    QLineEdit *m_filterValues;
    QSpinBox *m_limit;
    QCheckBox *m_compare;
};

} // namespace branchline
