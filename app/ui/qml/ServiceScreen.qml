import QtQuick
import Kiosk

// Frame for one service: its title from the catalogue, "Back" to the
// services and the service's own content.
JourneyScreen {
    id: root
    title: Shell.language === "th" ? (Session.service.titleTh || "") : (Session.service.titleEn || "")
    cancelText: qsTr("Back")
    // "Cancel" here goes back to the services rather than ending the session.
    showCancel: false
    property alias serviceActions: extra.data
    actions: [
        KioskButton {
            objectName: "backButton"
            primary: false
            text: qsTr("Back")
            onClicked: Session.back()
        },
        Row { id: extra; spacing: Theme.margin / 2 }
    ]
}
