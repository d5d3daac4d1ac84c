// Package credit keeps the credit file (信用档案) of food businesses: credit records —
// administrative penalties (行政处罚) with their publicity under SAMR Order 45, listings on
// the abnormal-operation list (经营异常名录) and on the serious-dishonesty list (严重违法失信名单,
// Order 44) — the credit-risk class A–D (信用风险分类, 国市监信发〔2022〕6号) each business has
// under the rule set "credit", and credit repair (信用修复): a business asks to stop a
// penalty's publicity early or to leave the serious-dishonesty list early, the bureau decides,
// and the decision is final.
//
// Every number comes from the rule book: publicity periods (3 months / 3 years, Order 45
// art. 13), deadlines in working days (publish within 20, withdraw a revoked penalty within 3,
// arts. 9 and 11), the minimum periods before repair and the class lines. A record keeps the
// rule versions its periods were computed under. The class is recomputed whenever a record
// of the business changes and every change is published to the journal as
// "credit.class.changed" (TopicClassChanged, payload ClassChanged), which the draw takes as
// the class a business is drawn under; every record entered or changed is announced as
// "credit.record.changed" (TopicRecordChanged, payload RecordChanged), which risk grading
// takes into a business's record. The public sees only the projection of records that
// are published, inside their publicity period and not withdrawn (Public).
package credit
