import QtQuick
import Kiosk

// The Citizen Portal services this kiosk offers (welfare, registration, health).
JourneyScreen {
    objectName: "servicesScreen"
    title: Shell.language === "th" ? qsTr("Hello, %1").arg(Session.citizen.nameTh || "")
                                   : qsTr("Hello, %1").arg(Session.citizen.nameEn || "")
    subtitle: qsTr("What would you like to do?")
    cancelText: qsTr("Finish")

    Grid {
        anchors.centerIn: parent
        columns: 3
        spacing: Theme.margin / 2
        Repeater {
            model: Session.services
            delegate: KioskButton {
                required property var modelData
                objectName: "service_" + modelData.kind
                implicitWidth: 380
                implicitHeight: 150
                primary: false
                text: Shell.language === "th" ? modelData.titleTh : modelData.titleEn
                onClicked: Session.openService(modelData.id)
            }
        }
    }
}
