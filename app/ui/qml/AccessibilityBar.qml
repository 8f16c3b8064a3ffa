import QtQuick
import Kiosk

// Text size and high contrast, on every screen, for this session only.
Row {
    objectName: "accessibilityBar"
    spacing: 12
    KioskButton {
        objectName: "textSmaller"
        implicitWidth: 88
        primary: false
        text: "A−"
        enabled: Shell.textScale > 1.0
        Accessible.name: qsTr("Smaller text")
        onClicked: Shell.setTextScale(Shell.textScale - 0.2)
    }
    KioskButton {
        objectName: "textLarger"
        implicitWidth: 88
        primary: false
        text: "A+"
        enabled: Shell.textScale < 1.6
        Accessible.name: qsTr("Larger text")
        onClicked: Shell.setTextScale(Shell.textScale + 0.2)
    }
    KioskButton {
        objectName: "contrastToggle"
        implicitWidth: 88
        primary: Shell.highContrast
        text: "◐"
        Accessible.name: qsTr("High contrast")
        onClicked: Shell.setHighContrast(!Shell.highContrast)
    }
}
