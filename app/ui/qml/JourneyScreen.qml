import QtQuick
import Kiosk

// The frame every journey screen shares: a title, an optional subtitle, the
// screen's own content, and a row of actions with "Cancel" on the left so it
// is always in the same place.
Rectangle {
    id: root
    property string title
    property string subtitle
    property bool showCancel: true
    property string cancelText: qsTr("Cancel")
    default property alias content: body.data
    property alias actions: actionRow.data

    color: Theme.background

    Column {
        id: head
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.margin }
        spacing: Theme.margin / 2
        KioskText {
            objectName: "screenTitle"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: Theme.headingSize
            font.bold: true
            color: Theme.primary
            text: root.title
            Accessible.role: Accessible.Heading
        }
        KioskText {
            width: parent.width
            visible: text.length > 0
            horizontalAlignment: Text.AlignHCenter
            text: root.subtitle
        }
    }

    Item {
        id: body
        anchors {
            left: parent.left; right: parent.right; top: head.bottom; bottom: footer.top
            leftMargin: Theme.margin; rightMargin: Theme.margin; topMargin: Theme.margin / 2; bottomMargin: Theme.margin / 2
        }
    }

    Item {
        id: footer
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: Theme.margin }
        height: Theme.buttonHeight

        KioskButton {
            objectName: "cancelButton"
            anchors { left: parent.left; verticalCenter: parent.verticalCenter }
            visible: root.showCancel
            primary: false
            implicitWidth: Math.max(200, implicitLabelWidth + 2 * Theme.margin)
            text: root.cancelText
            onClicked: Session.cancel()
        }
        Row {
            id: actionRow
            anchors { right: parent.right; verticalCenter: parent.verticalCenter }
            spacing: Theme.margin / 2
        }
    }
}
