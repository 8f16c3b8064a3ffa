import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import Kiosk

// Qt Virtual Keyboard with the Thai layout (th_TH, from the Thai plugin in
// Debian's qt6-virtualkeyboard-plugin) and English; follows the UI language.
// Loaded only when the application runs with QT_IM_MODULE=qtvirtualkeyboard.
InputPanel {
    id: panel
    objectName: "inputPanel"
    visible: active
    y: active ? parent.height - height : parent.height
    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["th_TH", "en_GB"]
        VirtualKeyboardSettings.locale = Shell.language === "th" ? "th_TH" : "en_GB"
    }
    Connections {
        target: Shell
        function onLanguageChanged() {
            VirtualKeyboardSettings.locale = Shell.language === "th" ? "th_TH" : "en_GB"
        }
    }
}
