import QtQuick
import Kiosk

JourneyScreen {
    objectName: "verifyingScreen"
    title: qsTr("Checking your identity")
    subtitle: qsTr("Comparing your card, your face and the official records. This takes a few seconds.")
    showCancel: false
    BusyIndicator { anchors.centerIn: parent }
}
