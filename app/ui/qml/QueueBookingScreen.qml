import QtQuick
import Kiosk

// Queue booking: a week of slots at the district office, by day.
ServiceScreen {
    id: screen
    objectName: "queueBookingScreen"
    readonly property var slotList: Session.service.slots || []
    readonly property int selected: Session.service.selectedSlot === undefined ? -1 : Session.service.selectedSlot

    function days() {
        var out = []
        var seen = {}
        for (var i = 0; i < slotList.length; ++i) {
            var key = slotList[i].day.toISOString().slice(0, 10)
            if (!seen[key]) { seen[key] = true; out.push({ key: key, day: slotList[i].day }) }
        }
        return out.slice(0, 5)
    }

    Column {
        anchors.fill: parent
        spacing: Theme.margin / 2
        KioskText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Choose a time. Grey times are already taken.")
        }
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: 12
            Repeater {
                model: screen.days()
                delegate: Column {
                    required property var modelData
                    spacing: 8
                    KioskText {
                        width: 200
                        horizontalAlignment: Text.AlignHCenter
                        font.pixelSize: Theme.smallSize
                        font.bold: true
                        text: Session.formatDay(modelData.day)
                    }
                    Repeater {
                        model: screen.slotList.filter(function (s) {
                            return s.day.toISOString().slice(0, 10) === modelData.key })
                        delegate: KioskButton {
                            required property var modelData
                            objectName: "slot_" + modelData.index
                            implicitWidth: 200
                            implicitHeight: Theme.minTouch + 8
                            enabled: modelData.available
                            primary: screen.selected === modelData.index
                            text: modelData.time
                            onClicked: Session.selectSlot(modelData.index)
                        }
                    }
                }
            }
        }
        KioskText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            color: Theme.accent
            visible: Session.service.error === "choose_slot"
            text: qsTr("Please choose a time first.")
        }
    }

    serviceActions: [
        KioskButton {
            objectName: "submitButton"
            text: qsTr("Book this time")
            onClicked: Session.submit()
        }
    ]
}
