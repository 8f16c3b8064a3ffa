import QtQuick
import Kiosk

// Status of the citizen's earlier requests, and of any queued offline.
ServiceScreen {
    objectName: "statusScreen"

    Column {
        anchors.horizontalCenter: parent.horizontalCenter
        width: Math.min(parent.width, 1100)
        spacing: 10
        Repeater {
            model: Session.service.statuses || []
            delegate: Rectangle {
                required property var modelData
                width: parent.width
                height: Theme.buttonHeight + 24
                radius: 10
                color: Theme.surface
                border.color: Theme.border
                KioskText {
                    anchors { left: parent.left; leftMargin: 20; verticalCenter: parent.verticalCenter }
                    width: parent.width * 0.55
                    elide: Text.ElideRight
                    wrapMode: Text.NoWrap
                    text: (Shell.language === "th" ? modelData.titleTh : modelData.titleEn) || qsTr("Request saved offline")
                }
                KioskText {
                    anchors { right: parent.right; rightMargin: 20; verticalCenter: parent.verticalCenter }
                    horizontalAlignment: Text.AlignRight
                    font.bold: true
                    text: {
                        switch (modelData.status) {
                        case "received": return qsTr("Received")
                        case "in_review": return qsTr("Being reviewed")
                        case "approved": return qsTr("Approved")
                        case "rejected": return qsTr("Rejected")
                        case "completed": return qsTr("Completed")
                        case "queued_offline": return qsTr("Waiting to be sent")
                        default: return modelData.status
                        }
                    }
                }
                KioskText {
                    anchors { left: parent.left; leftMargin: 20; bottom: parent.bottom; bottomMargin: 4 }
                    font.pixelSize: Theme.smallSize
                    color: Theme.mutedText
                    text: modelData.reference
                }
            }
        }
    }
}
