import QtQuick
import Kiosk

// Active liveness: one challenge at a time, as text, icon and spoken prompt.
JourneyScreen {
    id: screen
    objectName: "livenessScreen"
    title: qsTr("Follow the instruction")
    readonly property string challenge: Session.progress.challenge || ""

    Row {
        anchors.centerIn: parent
        spacing: Theme.margin * 2

        Rectangle {
            width: 480; height: 360
            color: "#202428"
            radius: Theme.radius
            clip: true
            Image {
                anchors.fill: parent
                fillMode: Image.PreserveAspectCrop
                cache: false
                source: "image://journey/frame/" + Session.frameSerial
            }
        }

        Column {
            anchors.verticalCenter: parent.verticalCenter
            spacing: Theme.margin / 2
            width: 560
            ChallengeIcon {
                objectName: "challengeIcon"
                anchors.horizontalCenter: parent.horizontalCenter
                challenge: screen.challenge
            }
            KioskText {
                objectName: "challengeText"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                font.pixelSize: Theme.headingSize
                font.bold: true
                text: {
                    switch (screen.challenge) {
                    case "blink": return qsTr("Blink your eyes")
                    case "turn_left": return qsTr("Turn your head to the left")
                    case "turn_right": return qsTr("Turn your head to the right")
                    case "smile": return qsTr("Smile")
                    default: return qsTr("Get ready…")
                    }
                }
            }
            KioskText {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                visible: (Session.progress.count || 0) > 0
                text: qsTr("Step %1 of %2").arg((Session.progress.index || 0) + 1).arg(Session.progress.count || 0)
            }
            Rectangle {
                objectName: "demoBadge"
                visible: Session.demoMode
                anchors.horizontalCenter: parent.horizontalCenter
                width: demoText.implicitWidth + Theme.margin
                height: demoText.implicitHeight + Theme.margin / 2
                radius: Theme.radius / 2
                color: Theme.accent
                KioskText {
                    id: demoText
                    anchors.centerIn: parent
                    color: Theme.primaryText
                    font.pixelSize: Theme.smallSize
                    text: qsTr("DEMO: the challenge order follows a recording")
                }
            }
        }
    }
}
