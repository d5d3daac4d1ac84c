// Package pdfdoc holds what every official document (文书) of shejian shares, whatever it
// records: the CJK font, an A4 sheet drawn top down, the document number (文号) counted per
// issuing unit, kind and year, the issuing unit's name, and the register of issued
// documents that freezes what a document shows so that it renders the same bytes again.
//
// The inspection documents (internal/inspect/documents) and the case documents
// (internal/enforce/documents) draw their own content on a Sheet; the number, the frozen
// facts and the retry when two first issues race are this package's.
//
// The font is a TrueType CJK font (a path the caller gives, else $SHEJIAN_PDF_FONT, else the
// Debian package fonts-lxgw-wenkai's); without it LoadFont answers an error naming the path
// and the fix.
package pdfdoc
