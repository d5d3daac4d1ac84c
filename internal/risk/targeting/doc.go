// Package targeting is predictive inspection targeting (预测性检查排序): a ranker that orders
// routine inspections by the probability of a critical finding, with the reasons for each
// score, and the back-test the City of Chicago used to measure its own model (re-order the
// inspections actually done in each 60-day window by score and count how many days earlier
// the critical findings would have been made).
//
// The input is the column layout of Chicago's model table (train_20140830.csv). The inspector
// is deliberately not a predictor: a daily schedule cannot know who will inspect. What stands
// in for the inspector is the recent record of the area, because inspectors work territories:
// the rate of critical findings and of serious violations among other businesses' inspections
// in the same zip code and nearby, against the city's at the same time, and the level of
// findings the zip code's whole record points to now, as territories change hands (from its
// inspections known before the day, the scored business's own earlier ones too). That record
// is the training table's rows and the previous visits their past columns describe and, in a
// back-test, the evaluation table's inspections made before the window being scored: a
// schedule drawn up on a window's first day knows what every earlier inspection found. No
// other file is read.
//
// Every score uses only outcomes recorded before the day it is made, and never the scored
// business's own later record; ages and times are measured on that day too. In a back-test
// that day is the first of the inspection's window (ScoreWindows): the window is re-ordered at
// once, so a score that read findings from inside it could move an inspection ahead on news a
// schedule drawn up at the start would not have had. The same holds for the scored row's past
// columns when its previous visit falls inside the window. An evaluation table drawn from the
// same period as the training table (Chicago split its table at random by inspection)
// therefore cannot leak into its own scores.
package targeting
