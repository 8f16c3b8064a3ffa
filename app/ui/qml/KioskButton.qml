import QtQuick
import Kiosk

// A large touch button. `primary` buttons are filled, others outlined.
Rectangle {
    id: button
    property alias text: label.text
    property bool primary: true
    readonly property real implicitLabelWidth: label.implicitWidth
    signal clicked()

    implicitWidth: Math.max(240, label.implicitWidth + 2 * Theme.margin)
    implicitHeight: Theme.buttonHeight
    opacity: enabled ? 1.0 : 0.45
    radius: Theme.radius
    color: primary ? (area.pressed ? Qt.darker(Theme.primary, 1.3) : Theme.primary) : Theme.surface
    border.color: Theme.primary
    border.width: 3

    Accessible.role: Accessible.Button
    Accessible.name: label.text
    Accessible.onPressAction: button.clicked()

    Text {
        id: label
        anchors.centerIn: parent
        font.family: Theme.fontFamily
        font.pixelSize: Theme.bodySize
        font.bold: true
        color: button.primary ? Theme.primaryText : Theme.primary
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: if (button.enabled) button.clicked()
    }
}
