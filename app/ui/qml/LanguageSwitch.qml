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
            implicitWidth: 150
            primary: Shell.language === modelData
            text: modelData === "th" ? "ไทย" : "English"
            onClicked: Shell.setLanguage(modelData)
        }
    }
}
