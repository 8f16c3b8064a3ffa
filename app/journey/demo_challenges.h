// A recorded clip cannot answer random prompts, so in demo mode the
// liveness challenges are the actions the clip's annotations say the person
// performs, in the order she performs them (../shared/data/video/annotations.csv).
#pragma once

#include "challenges.h"
#include "result.h"

#include <QString>
#include <vector>

namespace kiosk::journey {

struct AnnotatedAction {
    vision::Challenge challenge = vision::Challenge::Blink;
    double startS = 0;
    double endS = 0;  // == startS for an instant (a blink)
};

// The actions of the `actions` column of one annotations row, first
// occurrence of each kind, ordered by start time.
std::vector<AnnotatedAction> parseAnnotatedActions(const QString& actions);

// The challenge order for `clipFileName` (e.g. "katie_hill_talk.mp4") from
// the annotations file. An action whose interval contains the start of
// another one is left out: with two actions at once the recording cannot
// show which one answered the prompt.
Result<std::vector<vision::Challenge>, QString> demoChallenges(const QString& annotationsCsv,
                                                               const QString& clipFileName);

}  // namespace kiosk::journey
