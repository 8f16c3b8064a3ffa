import QtQuick
import Kiosk

// A large numeric keypad for one-time codes (no virtual keyboard needed).
// Emits `digit` and `erase`; keys are 96 px, well above the 48 px minimum.
Grid {
    id: pad
    signal digit(string d)
    signal erase()
    signal confirm()
    columns: 3
    spacing: 12
    readonly property int key: Math.max(Theme.minTouch, 96)
    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        delegate: KioskButton {
            required property string modelData
            objectName: "key_" + (modelData === "⌫" ? "erase" : modelData)
            implicitWidth: pad.key * 1.4
            implicitHeight: pad.key
            primary: modelData === "OK"
            text: modelData === "OK" ? qsTr("OK") : modelData
            Accessible.name: modelData === "⌫" ? qsTr("Delete") : text
            onClicked: {
                if (modelData === "⌫") pad.erase()
                else if (modelData === "OK") pad.confirm()
                else pad.digit(modelData)
            }
        }
    }
}
