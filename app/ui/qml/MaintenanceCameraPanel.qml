import QtQuick
import Kiosk

// The camera self-test: the live preview with the detected face box and
// landmarks drawn over it, and the quality gate's verdict in words.
Row {
    id: panel
    spacing: 16

    // Issue names of the quality gate (vision/face/face_quality.h), in words.
    readonly property var issues: ({
        "ok": qsTr("Face passes the quality check"),
        "no-face": qsTr("No face in view"),
        "multiple-faces": qsTr("More than one face in view"),
        "too-small": qsTr("Too far from the camera"),
        "too-large": qsTr("Too close to the camera"),
        "off-frame": qsTr("Face partly outside the picture"),
        "turned": qsTr("Head turned"),
        "tilted": qsTr("Head tilted up or down"),
        "rolled": qsTr("Head tilted sideways"),
        "blurred": qsTr("Picture blurred"),
        "too-dark": qsTr("Face too dark"),
        "too-bright": qsTr("Face too bright"),
        "eyes-closed": qsTr("Eyes closed")
    })

    function verdictText(v) {
        if (v === "")
            return Maintenance.cameraRunning ? qsTr("Starting the camera…") : ""
        var parts = v.split(", ")
        var out = []
        for (var i = 0; i < parts.length; ++i)
            out.push(issues[parts[i]] !== undefined ? issues[parts[i]] : parts[i])
        return out.join(" · ")
    }

    MaintenancePreview {
        id: preview
        objectName: "cameraPreview"
        width: Math.min(panel.width * 0.6, 480)
        height: width * 3 / 4
    }
    Column {
        width: panel.width - preview.width - panel.spacing
        spacing: 16
        Text {
            objectName: "cameraVerdict"
            width: parent.width
            wrapMode: Text.WordWrap
            font.family: Theme.fontFamily
            font.pixelSize: Theme.smallSize
            font.bold: true
            color: Maintenance.cameraVerdict === "ok" ? "#2f855a" : Theme.text
            text: panel.verdictText(Maintenance.cameraVerdict)
        }
        KioskButton {
            objectName: "stopCamera"
            visible: Maintenance.cameraRunning
            width: Math.min(parent.width, implicitWidth)
            primary: false
            text: qsTr("Stop camera")
            onClicked: Maintenance.stopCamera()
        }
    }
}
