// Package targeting is predictive inspection targeting (预测性检查排序): a ranker that orders
// routine inspections by the probability of a critical finding, with the reasons for each
// score, and the back-test the City of Chicago used to measure its own model (re-order the
// inspections actually done in each 60-day window by score and count how many days earlier
// the critical findings would have been made).
//
// The input is the column layout of Chicago's model table (train_20140830.csv). The inspector
// is deliberately not a predictor: a daily schedule cannot know who will inspect.
package targeting
