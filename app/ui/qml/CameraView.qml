import QtQuick
import Kiosk

// The live camera picture with a guide outline (card or face) and the
// guidance under it, in words (screen readers and espeak use the same text).
Item {
    id: view
    property bool face: false
    property string guidance: Session.progress.guidance || "searching"
    property real progress: Session.progress.value || 0

    Column {
        id: column
        anchors.centerIn: parent
        spacing: Theme.margin / 2

        Rectangle {
            id: frameBox
            anchors.horizontalCenter: parent.horizontalCenter
            // The picture gives way to the words under it (a long guidance,
            // larger text) rather than covering the screen's title.
            width: Math.min(view.width, (view.height - Math.max(160, guidanceText.height
                        + progressBar.height + 2 * column.spacing)) * 4 / 3)
            height: width * 3 / 4
            color: "#202428"
            radius: Theme.radius
            clip: true
            Image {
                objectName: "cameraImage"
                anchors.fill: parent
                fillMode: Image.PreserveAspectCrop
                cache: false
                source: "image://journey/frame/" + Session.frameSerial
            }
            // Guide outline: an oval for the face, the card's shape otherwise.
            Rectangle {
                anchors.centerIn: parent
                width: view.face ? parent.height * 0.55 : parent.width * 0.8
                height: view.face ? parent.height * 0.75 : width * 0.63
                radius: view.face ? width / 2 : 16
                color: "transparent"
                border.width: 6
                border.color: view.guidance === "good" ? "#2fbf71" : "#ffffff"
            }
        }

        GuidanceText {
            id: guidanceText
            objectName: "guidanceText"
            anchors.horizontalCenter: parent.horizontalCenter
            width: view.width
            code: view.guidance
        }
        ProgressBar {
            id: progressBar
            anchors.horizontalCenter: parent.horizontalCenter
            width: frameBox.width
            value: view.progress
        }
    }
}
