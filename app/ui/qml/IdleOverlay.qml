import QtQuick
import Kiosk

// "Are you still there?" before an abandoned session is wiped.
Rectangle {
    id: overlay
    objectName: "idleOverlay"
    color: "#cc000000"
    visible: Shell.idleWarning

    MouseArea { anchors.fill: parent }  // swallow touches behind the dialog

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 820)
        height: content.implicitHeight + 2 * Theme.margin
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.primary
        border.width: 3

        Column {
            id: content
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.margin
            spacing: Theme.margin

            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                font.family: Theme.fontFamily
                font.pixelSize: Theme.headingSize
                font.bold: true
                color: Theme.primary
                text: qsTr("Are you still there?")
            }
            Text {
                objectName: "idleCountdown"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                color: Theme.text
                text: qsTr("For your privacy this session will end in %n second(s).", "", Shell.idleSecondsLeft)
            }
            KioskButton {
                objectName: "stillHereButton"
                anchors.horizontalCenter: parent.horizontalCenter
                text: qsTr("I am still here")
                onClicked: Shell.stillHere()
            }
        }
    }
}
