import QtQuick
import Kiosk

// The card under the camera, front first (its printed fields are checked
// against the chip), then the back (the laser code).
JourneyScreen {
    objectName: "cardImageScreen"
    readonly property bool back: Session.progress.side === "back"
    title: back ? qsTr("Now show the back of your card") : qsTr("Show the front of your card")
    subtitle: back ? qsTr("Turn the card over and hold the back inside the frame, under the camera.")
                   : qsTr("Hold the front of your ID card, with your photo, inside the frame, under the camera.")
    CameraView { anchors.fill: parent }
}
