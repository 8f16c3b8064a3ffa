// Where the kiosk finds its configuration and keeps its data.
#pragma once

#include <QString>

namespace kiosk::paths {

// --config, else $KIOSK_CONFIG, else /etc/smart-kiosk/kiosk.json.
QString configFile(const QString& fromCommandLine);

// --data-dir, else $KIOSK_DATA_DIR, else /var/lib/smart-kiosk when writable,
// else the user's data location (developer machines).
QString dataDir(const QString& fromCommandLine);

// The copy of the last configuration that loaded cleanly, inside the data dir.
QString lastGoodConfig(const QString& dataDir);

}  // namespace kiosk::paths
