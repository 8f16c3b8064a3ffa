import QtQuick
import Kiosk

// Body text in the kiosk's type: large, wrapped, following the text-size setting.
Text {
    font.family: Theme.fontFamily
    font.pixelSize: Theme.bodySize
    color: Theme.text
    wrapMode: Text.WordWrap
}
