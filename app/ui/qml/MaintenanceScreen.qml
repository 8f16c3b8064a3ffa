import QtQuick
import Kiosk

// The technician maintenance menu, over whatever the kiosk shows. Reached by
// a long press in the attract screen's corner; closed with "Leave".
Rectangle {
    id: screen
    objectName: "maintenanceScreen"
    color: Theme.background

    // Swallow touches so nothing underneath reacts.
    MouseArea { anchors.fill: parent }

    Rectangle {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 96
        color: Theme.primary
        Text {
            anchors { left: parent.left; leftMargin: Theme.margin; right: barButtons.left; rightMargin: 16; verticalCenter: parent.verticalCenter }
            elide: Text.ElideRight
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            font.bold: true
            color: Theme.primaryText
            text: Maintenance.signedIn
                  ? qsTr("Maintenance · %1 (%2)").arg(Maintenance.technician)
                        .arg(Maintenance.supervisor ? qsTr("supervisor") : qsTr("technician"))
                  : qsTr("Maintenance")
        }
        Row {
            id: barButtons
            anchors { right: parent.right; rightMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            spacing: 16
            KioskButton {
                visible: Maintenance.signedIn
                primary: false
                text: qsTr("Sign out")
                onClicked: Maintenance.signOut()
            }
            KioskButton {
                objectName: "leaveMaintenance"
                primary: false
                text: qsTr("Leave")
                onClicked: Maintenance.leave()
            }
        }
    }

    MaintenanceSignIn {
        visible: !Maintenance.signedIn
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom }
    }

    Item {
        visible: Maintenance.signedIn
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: Theme.margin }

        Column {
            id: nav
            width: 300
            spacing: 12
            Repeater {
                model: [
                    { page: "status", label: qsTr("Device status") },
                    { page: "selftest", label: qsTr("Self-tests") },
                    { page: "logs", label: qsTr("Logs") },
                    { page: "outbox", label: qsTr("Outbox") },
                    { page: "config", label: qsTr("Configuration") },
                    { page: "restart", label: qsTr("Restart") }
                ]
                delegate: KioskButton {
                    width: nav.width
                    primary: Maintenance.page === modelData.page
                    text: modelData.label
                    onClicked: Maintenance.showPage(modelData.page)
                }
            }
        }

        Item {
            id: content
            anchors { left: nav.right; leftMargin: Theme.margin; right: parent.right; top: parent.top; bottom: parent.bottom }

            Text {
                id: pageTitle
                width: parent.width
                elide: Text.ElideRight
                font.family: Theme.fontFamily
                font.pixelSize: Theme.headingSize * 0.8
                font.bold: true
                color: Theme.primary
                text: ({ status: qsTr("Device status"), selftest: qsTr("Self-tests"), logs: qsTr("Logs (personal data removed)"),
                         outbox: qsTr("Outbox"), config: qsTr("Configuration"), restart: qsTr("Restart") })[Maintenance.page]
            }
            Text {
                id: resultLine
                anchors { top: pageTitle.bottom; topMargin: 8 }
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
                color: Maintenance.result === "ok" ? "#2f855a"
                       : Maintenance.result === "running" ? Theme.text : Theme.accent
                text: Maintenance.result === "ok" ? qsTr("Done.")
                      : Maintenance.result === "running" || Maintenance.busy ? qsTr("Working…")
                      : Maintenance.result === "failed" ? qsTr("Failed. See the list for details.")
                      : Maintenance.result === "unavailable" ? qsTr("Not available on this kiosk.")
                      : Maintenance.result === "forbidden" ? qsTr("A supervisor is needed for this.") : ""
            }

            Flow {
                id: actions
                anchors { left: parent.left; right: parent.right; top: resultLine.bottom; topMargin: 12 }
                spacing: 12
                visible: children.length > 0
                KioskButton {
                    visible: Maintenance.page === "status"
                    primary: false
                    text: qsTr("Refresh")
                    onClicked: Maintenance.refresh()
                }
                KioskButton {
                    objectName: "selfTestCard"
                    visible: Maintenance.page === "selftest" && !Maintenance.cameraRunning
                    enabled: !Maintenance.busy
                    text: qsTr("Read test card")
                    onClicked: Maintenance.runSelfTest("card")
                }
                KioskButton {
                    objectName: "selfTestCamera"
                    visible: Maintenance.page === "selftest" && !Maintenance.cameraRunning
                    enabled: !Maintenance.busy
                    text: qsTr("Camera and face")
                    onClicked: Maintenance.runSelfTest("camera")
                }
                KioskButton {
                    objectName: "selfTestPrinter"
                    visible: Maintenance.page === "selftest" && !Maintenance.cameraRunning
                    enabled: !Maintenance.busy
                    text: qsTr("Test receipt")
                    onClicked: Maintenance.runSelfTest("printer")
                }
                KioskButton {
                    visible: Maintenance.page === "outbox"
                    text: qsTr("Retry now")
                    onClicked: Maintenance.retryOutbox()
                }
                KioskButton {
                    objectName: "confirmRestart"
                    visible: Maintenance.page === "restart"
                    text: qsTr("Restart the kiosk now")
                    onClicked: Maintenance.restart()
                }
            }

            Text {
                id: configLine
                visible: Maintenance.page === "config" || Maintenance.page === "restart"
                anchors { top: actions.bottom; topMargin: 12 }
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
                color: Theme.text
                text: Maintenance.page === "config"
                      ? qsTr("Running configuration version: %1").arg(Maintenance.configVersion)
                      : qsTr("The kiosk returns to the welcome screen in about half a minute.")
            }

            MaintenanceCameraPanel {
                id: cameraPanel
                objectName: "cameraPanel"
                visible: Maintenance.page === "selftest" && (Maintenance.cameraRunning || Maintenance.cameraVerdict !== "")
                anchors { left: parent.left; top: actions.bottom; topMargin: 16 }
                width: parent.width
            }

            MaintenanceList {
                objectName: "maintenanceList"
                titleShare: Maintenance.page === "logs" ? 0.18 : 0.35
                visible: Maintenance.page !== "restart"
                anchors { left: parent.left; right: parent.right; top: cameraPanel.visible ? cameraPanel.bottom : configLine.visible ? configLine.bottom : actions.bottom; topMargin: 16; bottom: parent.bottom }
                model: Maintenance.page === "status" ? Maintenance.status
                     : Maintenance.page === "selftest" ? Maintenance.selfTests
                     : Maintenance.page === "logs" ? Maintenance.logs
                     : Maintenance.page === "outbox" ? Maintenance.outbox
                     : Maintenance.history
                emptyText: Maintenance.page === "selftest" ? (Maintenance.cameraRunning ? "" : qsTr("Choose a test above.")) : qsTr("Nothing to show.")
            }
        }
    }
}
