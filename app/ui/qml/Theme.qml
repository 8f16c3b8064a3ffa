pragma Singleton
import QtQuick
import Kiosk

// Colours, type sizes and touch metrics in one place. Sizes follow the
// citizen's text-size setting; the high-contrast palette keeps AAA contrast.
QtObject {
    readonly property bool contrast: Shell.highContrast
    readonly property real scale: Shell.textScale

    readonly property string fontFamily: "Laksaman"
    readonly property color background: contrast ? "#000000" : "#f4f6fa"
    readonly property color surface: contrast ? "#000000" : "#ffffff"
    readonly property color primary: contrast ? "#ffff00" : "#1b3a6b"
    readonly property color primaryText: contrast ? "#000000" : "#ffffff"
    readonly property color accent: contrast ? "#ffff00" : "#c8102e"
    readonly property color text: contrast ? "#ffffff" : "#1a1a1a"
    readonly property color mutedText: contrast ? "#ffffff" : "#4a5568"
    readonly property color border: contrast ? "#ffffff" : "#cbd5e0"

    // Touch targets never go below 48 px (issue: accessibility); buttons use 72.
    readonly property int minTouch: 48
    readonly property int buttonHeight: Math.max(minTouch, 72 * scale)
    readonly property int radius: 16
    readonly property int margin: 32

    readonly property int titleSize: 56 * scale
    readonly property int headingSize: 40 * scale
    readonly property int bodySize: 28 * scale
    readonly property int smallSize: 20 * scale
}
