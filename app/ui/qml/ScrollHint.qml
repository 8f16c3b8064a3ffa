import QtQuick
import Kiosk

// A scroll bar for a Flickable whose content runs past its bottom: many
// citizens do not guess that a page of text scrolls, so the bar shows there
// is more and how far they have read. Purely visual; the Flickable scrolls.
Rectangle {
    required property Flickable target

    visible: target.contentHeight > target.height + 1
    // In the margin right of the content, so it never covers text.
    x: target.x + target.width + 4
    y: target.y + target.visibleArea.yPosition * target.height
    width: 8
    height: Math.max(Theme.minTouch / 2, target.visibleArea.heightRatio * target.height)
    radius: width / 2
    color: Theme.mutedText
    opacity: 0.7
}
