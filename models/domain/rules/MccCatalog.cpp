// SPDX-License-Identifier: GPL-3.0-or-later
#include "MccCatalog.h"

#include <QHash>

namespace branchline {

QString MccCatalog::description(const QString &mcc)
{
    // The codes reps meet most often in retail, services and small business acquiring.
    static const QHash<QString, const char *> catalog{
        { QStringLiteral("4111"), QT_TR_NOOP("Commuter transport") },
        { QStringLiteral("4121"), QT_TR_NOOP("Taxis and ride hailing") },
        { QStringLiteral("4214"), QT_TR_NOOP("Freight and trucking") },
        { QStringLiteral("4215"), QT_TR_NOOP("Courier services") },
        { QStringLiteral("4722"), QT_TR_NOOP("Travel agencies") },
        { QStringLiteral("4812"), QT_TR_NOOP("Telecom equipment") },
        { QStringLiteral("4900"), QT_TR_NOOP("Utilities") },
        { QStringLiteral("5045"), QT_TR_NOOP("Computers and software") },
        { QStringLiteral("5111"), QT_TR_NOOP("Stationery and office supplies") },
        { QStringLiteral("5137"), QT_TR_NOOP("Uniforms and workwear") },
        { QStringLiteral("5200"), QT_TR_NOOP("Home supply warehouses") },
        { QStringLiteral("5251"), QT_TR_NOOP("Hardware stores") },
        { QStringLiteral("5311"), QT_TR_NOOP("Department stores") },
        { QStringLiteral("5331"), QT_TR_NOOP("Variety stores") },
        { QStringLiteral("5399"), QT_TR_NOOP("General merchandise") },
        { QStringLiteral("5411"), QT_TR_NOOP("Grocery stores and supermarkets") },
        { QStringLiteral("5441"), QT_TR_NOOP("Confectionery stores") },
        { QStringLiteral("5462"), QT_TR_NOOP("Bakeries") },
        { QStringLiteral("5499"), QT_TR_NOOP("Specialty food stores") },
        { QStringLiteral("5541"), QT_TR_NOOP("Service stations") },
        { QStringLiteral("5621"), QT_TR_NOOP("Women's clothing") },
        { QStringLiteral("5651"), QT_TR_NOOP("Family clothing") },
        { QStringLiteral("5661"), QT_TR_NOOP("Shoe stores") },
        { QStringLiteral("5712"), QT_TR_NOOP("Furniture") },
        { QStringLiteral("5722"), QT_TR_NOOP("Household appliances") },
        { QStringLiteral("5732"), QT_TR_NOOP("Electronics stores") },
        { QStringLiteral("5812"), QT_TR_NOOP("Restaurants") },
        { QStringLiteral("5813"), QT_TR_NOOP("Bars and tea houses") },
        { QStringLiteral("5814"), QT_TR_NOOP("Fast food") },
        { QStringLiteral("5912"), QT_TR_NOOP("Pharmacies") },
        { QStringLiteral("5941"), QT_TR_NOOP("Sporting goods") },
        { QStringLiteral("5942"), QT_TR_NOOP("Book stores") },
        { QStringLiteral("5944"), QT_TR_NOOP("Jewellery and watches") },
        { QStringLiteral("5945"), QT_TR_NOOP("Toys and games") },
        { QStringLiteral("5977"), QT_TR_NOOP("Cosmetics") },
        { QStringLiteral("5992"), QT_TR_NOOP("Florists") },
        { QStringLiteral("5995"), QT_TR_NOOP("Pet shops") },
        { QStringLiteral("7011"), QT_TR_NOOP("Hotels") },
        { QStringLiteral("7230"), QT_TR_NOOP("Beauty and barber shops") },
        { QStringLiteral("7298"), QT_TR_NOOP("Health and beauty spas") },
        { QStringLiteral("7538"), QT_TR_NOOP("Car repair") },
        { QStringLiteral("7542"), QT_TR_NOOP("Car washes") },
        { QStringLiteral("7832"), QT_TR_NOOP("Cinemas") },
        { QStringLiteral("7997"), QT_TR_NOOP("Clubs and gyms") },
        { QStringLiteral("8011"), QT_TR_NOOP("Doctors and clinics") },
        { QStringLiteral("8021"), QT_TR_NOOP("Dentists") },
        { QStringLiteral("8062"), QT_TR_NOOP("Hospitals") },
        { QStringLiteral("8211"), QT_TR_NOOP("Schools") },
        { QStringLiteral("8299"), QT_TR_NOOP("Education and training") },
        { QStringLiteral("8351"), QT_TR_NOOP("Child care") },
    };
    const char *text = catalog.value(mcc.trimmed());
    return text ? tr(text) : QString();
}

} // namespace branchline
