// Shared test data for the vision/face suites: ../shared/data/faces and its
// manifest identities.csv (path, identity, note).
#pragma once

#include "face_match.h"
#include "test_env.h"

#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTest>
#include <algorithm>
#include <numeric>
#include <vector>

// QCOMPARE prints error codes by name (found by argument-dependent lookup).
namespace kiosk::vision {
inline char* toString(FaceErrc code) {
    return qstrdup(qPrintable(errcName(code)));
}
}  // namespace kiosk::vision

namespace kiosk::test::face {

inline QString facesFile(const QString& relative) {
    return sharedDataDir() + QLatin1Char('/') + relative;
}

// identity -> image paths (absolute), for rows whose path starts with `prefix`.
// Multi-face images ("(multi)") and edge cases whose note contains `skipNote`
// (e.g. "partial") are left out. Empty when the manifest is missing:
// callers QVERIFY2 on it so the failure names the file.
inline QMap<QString, QStringList> identities(const QString& prefix,
                                             const QString& skipNote = QString()) {
    QMap<QString, QStringList> byIdentity;
    QFile csv(facesFile(QStringLiteral("faces/identities.csv")));
    if (!csv.open(QIODevice::ReadOnly | QIODevice::Text))
        return byIdentity;
    csv.readLine();  // header
    while (!csv.atEnd()) {
        const QStringList cols =
            QString::fromUtf8(csv.readLine()).trimmed().split(QLatin1Char(','));
        const bool skipped = !skipNote.isEmpty() && cols.size() > 2 && cols[2].contains(skipNote);
        if (cols.size() < 2 || !cols[0].startsWith(prefix) ||
            cols[1] == QStringLiteral("(multi)") || skipped)
            continue;
        byIdentity[cols[1]].append(facesFile(cols[0]));
    }
    return byIdentity;
}

struct DistanceStats {
    int count = 0;
    int wrongSide = 0;
    double mean = 0, min = 0, max = 0;
};

// genuine: distances should be below the threshold; impostor: at or above.
inline DistanceStats summarize(const std::vector<float>& d, bool genuine,
                               float threshold = vision::kDefaultMatchThreshold) {
    DistanceStats s;
    if (d.empty())
        return s;
    s.count = int(d.size());
    s.mean = std::accumulate(d.begin(), d.end(), 0.0) / d.size();
    s.min = *std::min_element(d.begin(), d.end());
    s.max = *std::max_element(d.begin(), d.end());
    s.wrongSide = int(std::count_if(
        d.begin(), d.end(), [&](float x) { return genuine ? x >= threshold : x < threshold; }));
    return s;
}

inline QString describe(const char* kind, const DistanceStats& s) {
    return QStringLiteral("%1: %2 pairs, mean %3, min %4, max %5, %6 on the wrong side of %7")
        .arg(QLatin1String(kind))
        .arg(s.count)
        .arg(s.mean, 0, 'f', 3)
        .arg(s.min, 0, 'f', 3)
        .arg(s.max, 0, 'f', 3)
        .arg(s.wrongSide)
        .arg(double(vision::kDefaultMatchThreshold));
}

}  // namespace kiosk::test::face
