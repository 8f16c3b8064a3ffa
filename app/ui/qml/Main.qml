import QtQuick
import QtQuick.Window
import Kiosk

Window {
    id: window
    objectName: "kioskWindow"
    width: 1280
    height: 800
    visible: true
    visibility: Shell.fullscreen ? Window.FullScreen : Window.Windowed
    color: Theme.background
    title: qsTr("Smart Kiosk")

    // Header: who runs the kiosk and the language choice, on every screen.
    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 112
        color: Theme.primary

        Text {
            anchors { left: parent.left; leftMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            font.family: Theme.fontFamily
            font.pixelSize: Theme.headingSize * 0.8
            font.bold: true
            color: Theme.primaryText
            text: qsTr("Smart Kiosk")
        }
        LanguageSwitch {
            anchors { right: parent.right; rightMargin: Theme.margin; verticalCenter: parent.verticalCenter }
        }
    }

    Loader {
        id: screenLoader
        objectName: "screenLoader"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: footer.top }
        source: Shell.screen === Shell.InsertCard ? "InsertCardScreen.qml" : "AttractScreen.qml"
    }

    Rectangle {
        id: footer
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: 48
        color: Theme.surface
        border.color: Theme.border
        Text {
            anchors { right: parent.right; rightMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            font.family: Theme.fontFamily
            font.pixelSize: Theme.smallSize
            color: Theme.mutedText
            text: qsTr("Kiosk %1 · version %2").arg(Shell.kioskId).arg(Shell.version)
        }
    }

    IdleOverlay { anchors.fill: parent }

    // Technician maintenance menu, over everything (entry: AttractScreen's corner).
    Loader {
        objectName: "maintenanceLoader"
        anchors.fill: parent
        z: 100
        active: Maintenance.active
        source: "MaintenanceScreen.qml"
    }
}
