#pragma once

namespace auth::console {

class ConsoleSettings;
class MainWindow;

// The window's layout beyond its geometry, remembered across restarts: the
// open tab, the dashboard's range, the security log's splitter and columns.
// Values read back are checked; anything unusable leaves the default.
namespace ViewState {
void save(MainWindow& window, ConsoleSettings& settings);
void restore(MainWindow& window, const ConsoleSettings& settings);
} // namespace ViewState

} // namespace auth::console
