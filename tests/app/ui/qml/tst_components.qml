import QtQuick
import QtTest
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import Kiosk

// Components of the journey screens: the numeric keypad, touch target
// sizes, the text-size control, and the Thai virtual keyboard layout.
TestCase {
    id: root
    name: "KioskComponents"
    width: 1280
    height: 800
    visible: true
    when: windowShown

    Component { id: keypadComponent; NumericKeypad {} }
    Component { id: barComponent; AccessibilityBar {} }
    Component { id: buttonComponent; KioskButton { text: "OK" } }
    Component { id: panelComponent; InputPanel { width: 1280 } }

    SignalSpy { id: digitSpy; signalName: "digit" }
    SignalSpy { id: eraseSpy; signalName: "erase" }
    SignalSpy { id: confirmSpy; signalName: "confirm" }

    function findChild(item, name) {
        if (item.objectName === name)
            return item
        for (var i = 0; i < item.children.length; ++i) {
            var found = findChild(item.children[i], name)
            if (found)
                return found
        }
        return null
    }

    function test_keypad_tapDigitsEraseOk_signals() {
        var pad = createTemporaryObject(keypadComponent, root)
        verify(pad)
        digitSpy.target = pad
        eraseSpy.target = pad
        confirmSpy.target = pad
        digitSpy.clear(); eraseSpy.clear(); confirmSpy.clear()
        waitForRendering(pad)
        mouseClick(findChild(pad, "key_7"))
        mouseClick(findChild(pad, "key_0"))
        mouseClick(findChild(pad, "key_erase"))
        mouseClick(findChild(pad, "key_OK"))
        compare(digitSpy.count, 2)
        compare(digitSpy.signalArguments[0][0], "7")
        compare(digitSpy.signalArguments[1][0], "0")
        compare(eraseSpy.count, 1)
        compare(confirmSpy.count, 1)
    }

    function test_keypad_everyKey_atLeast48px() {
        var pad = createTemporaryObject(keypadComponent, root)
        var keys = ["1","2","3","4","5","6","7","8","9","0","erase","OK"]
        for (var i = 0; i < keys.length; ++i) {
            var key = findChild(pad, "key_" + keys[i])
            verify(key, keys[i])
            verify(key.width >= 48 && key.height >= 48, keys[i] + " " + key.width + "x" + key.height)
        }
    }

    function test_button_defaultSize_atLeastMinTouch() {
        var b = createTemporaryObject(buttonComponent, root)
        verify(b.height >= Theme.minTouch)
        verify(b.width >= Theme.minTouch)
    }

    function test_textSize_largerThenSmaller_themeFollows() {
        var bar = createTemporaryObject(barComponent, root)
        var body = Theme.bodySize
        mouseClick(findChild(bar, "textLarger"))
        verify(Shell.textScale > 1.0)
        verify(Theme.bodySize > body)
        mouseClick(findChild(bar, "textSmaller"))
        compare(Shell.textScale, 1.0)
        compare(Theme.bodySize, body)
    }

    function test_contrast_toggle_paletteChanges() {
        var bar = createTemporaryObject(barComponent, root)
        var before = Theme.background.toString()
        mouseClick(findChild(bar, "contrastToggle"))
        verify(Shell.highContrast)
        verify(Theme.background.toString() !== before, before)
        mouseClick(findChild(bar, "contrastToggle"))
        verify(!Shell.highContrast)
    }

    // Debian's qt6-virtualkeyboard-plugin ships the Thai layout (Thai plugin).
    function test_virtualKeyboard_thaiLayout_available() {
        var panel = createTemporaryObject(panelComponent, root)
        verify(panel)
        tryVerify(function() { return VirtualKeyboardSettings.availableLocales.length > 0 }, 3000)
        verify(VirtualKeyboardSettings.availableLocales.indexOf("th_TH") >= 0,
               VirtualKeyboardSettings.availableLocales.join(","))
    }
}
