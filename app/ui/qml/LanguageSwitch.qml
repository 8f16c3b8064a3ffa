import QtQuick
import Kiosk

// Each language is named in its own script, so it is never translated.
Row {
    id: root
    spacing: 12
    objectName: "languageSwitch"

    Repeater {
        model: Shell.languages
        delegate: KioskButton {
            required property string modelData
            objectName: "language_" + modelData
            implicitWidth: 170
            // Outlined on the blue header; the chosen language carries a check
            // mark (a filled button would vanish into the header).
            primary: false
            opacity: Shell.language === modelData ? 1.0 : 0.75
            text: (Shell.language === modelData ? "✓ " : "") + (modelData === "th" ? "ไทย" : "English")
            onClicked: Shell.setLanguage(modelData)
        }
    }
}
