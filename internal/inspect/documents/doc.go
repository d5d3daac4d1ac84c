// Package documents renders the documents of a signed inspection (监督检查) as PDF, for
// issue 6 of mobile enforcement:
//
//   - 现场检查笔录 (Record): who, where, when, the inspectors with their enforcement
//     certificates, every checklist item with its answer and note, the result, and the
//     signatures (the images pinned in the signed record) or the operator's refusal with
//     its witness.
//   - 监督检查结果记录表 (Result): the sheet posted at the shop (Order 49 art. 39): the
//     business, the date, the result in large type, the items found wanting, the inspectors,
//     a QR code to the public result, the issuing unit.
//   - 责令改正通知书 (Order): only when general items failed and no key item did (a failed
//     key item goes to a case, 立案查处): the failed items with their legal basis and a
//     correction deadline in working days.
//
// A document is issued once per inspection and kind: the first request takes a number (文号,
// "江临市临江区市监检〔2026〕12号") from the district bureau's sequence of that kind and year,
// in the transaction that records the document with the facts it shows from the registry
// (frozen then). Every later request renders the same bytes: the signed record and the
// frozen facts are the whole input, the PDF's creation date is the signing time and gopdf
// writes no random ID. Staff who may read the inspection issue documents; its operator reads
// those issued; the public reads the result sheet of a published inspection once issued.
//
// The font, the A4 sheet, the numbering and the register of issued documents are
// internal/pdfdoc's, shared with the case documents (internal/enforce/documents). The font
// is a TrueType CJK font (Options.FontPath, else $SHEJIAN_PDF_FONT, else the Debian package
// fonts-lxgw-wenkai's); without it a request answers an error naming the path and the fix,
// and takes no number.
package documents
