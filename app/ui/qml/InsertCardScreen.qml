import QtQuick
import Kiosk

// Asks for the national ID card and shows how to insert it.
Rectangle {
    id: screen
    objectName: "insertCardScreen"
    color: Theme.background

    Column {
        anchors.centerIn: parent
        width: parent.width - 4 * Theme.margin
        spacing: Theme.margin

        Text {
            objectName: "insertCardTitle"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            font.family: Theme.fontFamily
            font.pixelSize: Theme.headingSize
            font.bold: true
            color: Theme.primary
            text: qsTr("Please insert your national ID card")
        }

        Item {
            id: slot
            anchors.horizontalCenter: parent.horizontalCenter
            width: Math.min(320, screen.width * 0.28)
            height: width * 0.9
            clip: true

            IdCardGlyph {
                id: glyph
                width: slot.width * 0.8
                anchors.horizontalCenter: parent.horizontalCenter
                SequentialAnimation on y {
                    loops: Animation.Infinite
                    running: screen.visible
                    NumberAnimation { from: 0; to: slot.height * 0.45; duration: 1400; easing.type: Easing.InOutCubic }
                    PauseAnimation { duration: 600 }
                }
            }
            Rectangle {  // the reader slot
                anchors.bottom: parent.bottom
                width: parent.width; height: 14; radius: 7
                color: Theme.text
            }
        }

        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            color: Theme.text
            text: qsTr("Chip facing up, into the slot below the screen. Leave the card in until you have finished.")
        }

        KioskButton {
            objectName: "cancelButton"
            anchors.horizontalCenter: parent.horizontalCenter
            primary: false
            text: qsTr("Cancel")
            onClicked: Session.cancel()
        }
    }
}
