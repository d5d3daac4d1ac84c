package inspect

import qrcode "github.com/skip2/go-qrcode"

// qrModule is the side of one QR module in pixels, sharp when printed on a door sign.
const qrModule = 8

// qrPNG is the QR code of text as a PNG, error correction M (survives a smudged sign).
func qrPNG(text string) ([]byte, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	return q.PNG(-qrModule)
}
