import QtQuick
import Kiosk

// Live face quality guidance until a good picture is taken.
JourneyScreen {
    objectName: "faceCaptureScreen"
    title: qsTr("Look at the camera")
    subtitle: qsTr("Remove glasses, hat or mask. Keep your face inside the oval.")
    CameraView { anchors.fill: parent; face: true }
}
