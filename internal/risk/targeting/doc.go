// Package targeting is predictive inspection targeting (预测性检查排序): a ranker that orders
// routine inspections by the probability of a critical finding, with the reasons for each
// score, and the back-test the City of Chicago used to measure its own model (re-order the
// inspections actually done in each 60-day window by score and count how many days earlier
// the critical findings would have been made).
//
// The input is the column layout of Chicago's model table (train_20140830.csv). The inspector
// is deliberately not a predictor: a daily schedule cannot know who will inspect. What stands
// in for the inspector is the recent record of the area, because inspectors work territories:
// the share of critical findings and of serious violations among other businesses' inspections
// in the same zip code and nearby. Every predictor learnt from the training table uses only its
// rows dated before the scored inspection, and never the scored business's own later record,
// so a score uses nothing a daily schedule would not have known, and an evaluation table drawn
// from the same period as the training table (Chicago split its table at random by inspection)
// cannot leak into its own scores.
package targeting
