import QtQuick
import Kiosk

// End of the session: take the card; the data is already erased.
JourneyScreen {
    objectName: "endingScreen"
    title: qsTr("Thank you")
    showCancel: false
    Column {
        anchors.centerIn: parent
        width: Math.min(parent.width, 1000)
        spacing: Theme.margin
        IdCardGlyph {
            anchors.horizontalCenter: parent.horizontalCenter
            width: 240
        }
        KioskText {
            objectName: "endingText"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: Theme.headingSize
            text: qsTr("Please take your card.")
        }
        KioskText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            color: Theme.mutedText
            text: qsTr("Your personal data has been erased from this kiosk.")
        }
    }
}
