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

// Where fetched model weights live: $KIOSK_MODELS_DIR, else
// /usr/share/smart-kiosk/models when installed from the package, else the
// user's cache (kiosk-os/setup/fetch-models.sh writes there).
QString modelsDir();

// A file of one npm package's weights, e.g. modelFile("@vladmandic/face-api",
// "1.7.15", "face_recognition_model.bin"); the layout fetch-models.sh writes.
QString modelFile(const QString& package, const QString& version, const QString& file);

// The blank card templates the OCR locator matches against:
// $KIOSK_CARD_TEMPLATES, else /usr/share/smart-kiosk/cards/templates when
// installed from the package, else cards/templates under sharedDataDir (the
// public test data a developer build points at).
QString cardTemplatesDir(const QString& sharedDataDir);

}  // namespace kiosk::paths
