import QtQuick
import Kiosk

// The back of the card under the camera so the laser code can be read.
JourneyScreen {
    objectName: "cardImageScreen"
    title: qsTr("Show the back of your card")
    subtitle: qsTr("Hold the back of your ID card inside the frame, under the camera.")
    CameraView { anchors.fill: parent }
}
