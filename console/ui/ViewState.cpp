#include "ui/ViewState.h"

#include "client/ConsoleSettings.h"
#include "ui/DashboardView.h"
#include "ui/LogView.h"
#include "ui/MainWindow.h"

#include <QHeaderView>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>

namespace auth::console {

namespace {
const QString TabKey = QStringLiteral("tab");
const QString RangeKey = QStringLiteral("dashboardRange");
const QString LogSplitterKey = QStringLiteral("logSplitter");
const QString LogColumnsKey = QStringLiteral("logColumns");

QSplitter* logSplitter(MainWindow& window)
{
    return window.logView()->findChild<QSplitter*>(QStringLiteral("logSplitter"));
}
} // namespace

void ViewState::save(MainWindow& window, ConsoleSettings& settings)
{
    settings.setViewState(TabKey, window.tabs()->currentIndex());
    settings.setViewState(RangeKey, window.dashboard()->range());
    if (QSplitter* splitter = logSplitter(window))
        settings.setViewState(LogSplitterKey, splitter->saveState());
    settings.setViewState(LogColumnsKey, window.logView()->table()->horizontalHeader()->saveState());
}

void ViewState::restore(MainWindow& window, const ConsoleSettings& settings)
{
    bool ok = false;
    const int tab = settings.viewState(TabKey).toInt(&ok);
    if (ok && tab >= 0 && tab < window.tabs()->count())
        window.tabs()->setCurrentIndex(tab);
    const QString range = settings.viewState(RangeKey).toString();
    if (!range.isEmpty())
        window.dashboard()->setRange(range); // unknown ranges are ignored there
    if (QSplitter* splitter = logSplitter(window))
        splitter->restoreState(settings.viewState(LogSplitterKey).toByteArray());
    window.logView()->table()->horizontalHeader()->restoreState(
        settings.viewState(LogColumnsKey).toByteArray());
}

} // namespace auth::console
