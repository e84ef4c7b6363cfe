package corpus

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"strconv"
	"sync"
)

// baseJPEG is the encoded hero image shared by all page bundles. The encoder
// in image/jpeg uses integer arithmetic only, so the bytes are the same on
// every platform.
var baseJPEG = sync.OnceValue(func() []byte {
	const w, h = 240, 135
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(0x5eed, 0x1ead))
	for y := range h {
		for x := range w {
			n := r.IntN(24)
			img.SetRGBA(x, y, color.RGBA{
				R: uint8(40 + x + n),
				G: uint8(60 + y + n/2),
				B: uint8(180 - x/2 + n),
				A: 255,
			})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 55}); err != nil {
		panic(err) // cannot fail when writing to a bytes.Buffer
	}
	return buf.Bytes()
})

// heroJPEG returns the hero image of post number n: the shared image with a
// comment segment naming the post inserted after the start-of-image marker.
func heroJPEG(n int) []byte {
	base := baseJPEG()
	comment := "sitefeed corpus hero " + strconv.Itoa(n)
	seg := len(comment) + 2
	out := make([]byte, 0, len(base)+seg+2)
	out = append(out, base[:2]...) // SOI
	out = append(out, 0xFF, 0xFE, byte(seg>>8), byte(seg))
	out = append(out, comment...)
	return append(out, base[2:]...)
}
