package plotting

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"

	"github.com/gocalc/gocalc/display"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// RetinaDPI is the resolution of the PNG that Render sends: twice the
// 96 pixels per inch of a browser, shown at half its pixel size so that it
// stays sharp on high-density screens.
const RetinaDPI = 192

// scene is what a figure type hands to the shared rendering code.
type scene interface {
	// inches returns the figure size.
	inches() (w, h float64)
	// draw draws the figure on c, whose origin is the bottom-left corner
	// and whose unit is the point. It reports bad data as an error.
	draw(c draw.Canvas) error
}

// safeDraw runs s.draw, turning a panic inside gonum/plot or a plotter
// added to a figure into an error so that no panic reaches the kernel.
func safeDraw(s scene, c draw.Canvas) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("plotting: rendering failed: %v", r)
		}
	}()
	return s.draw(c)
}

// rasterize draws s at dpi and returns the image.
func rasterize(s scene, dpi float64) (image.Image, error) {
	if !(dpi >= 10 && dpi <= 2000) {
		panic(fmt.Sprintf("plotting: dpi %v out of range [10, 2000]", dpi))
	}
	w, h := s.inches()
	cv := vgimg.NewWith(vgimg.UseWH(vg.Length(w)*vg.Inch, vg.Length(h)*vg.Inch), vgimg.UseDPI(int(dpi)))
	if err := safeDraw(s, draw.New(cv)); err != nil {
		return nil, err
	}
	return cv.Image(), nil
}

// encodePNG rasterizes s and encodes it with fast compression: the
// default level spends more time compressing than drawing.
func encodePNG(s scene, dpi float64) ([]byte, error) {
	img, err := rasterize(s, dpi)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("plotting: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// encodeSVG draws s as an SVG document.
func encodeSVG(s scene) ([]byte, error) {
	w, h := s.inches()
	cv := vgsvg.New(vg.Length(w)*vg.Inch, vg.Length(h)*vg.Inch)
	if err := safeDraw(s, draw.New(cv)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := cv.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plotting: encoding SVG: %w", err)
	}
	return buf.Bytes(), nil
}

// pngBundle renders s to the retina bundle: text/plain plus image/png at
// RetinaDPI, with width and height metadata at half the pixel size.
func pngBundle(s scene, text string) (display.Data, error) {
	b, err := encodePNG(s, RetinaDPI)
	if err != nil {
		return display.Data{}, err
	}
	w, h := s.inches()
	d := display.ImageData("image/png", b, int(w*RetinaDPI/2+0.5), int(h*RetinaDPI/2+0.5))
	d.Data["text/plain"] = text
	return d, nil
}

// svgBundle renders s to text/plain plus image/svg+xml.
func svgBundle(s scene, text string) (display.Data, error) {
	b, err := encodeSVG(s)
	if err != nil {
		return display.Data{}, err
	}
	d := display.New("image/svg+xml", string(b))
	d.Data["text/plain"] = text
	return d, nil
}

// svgRenderer is the display.Renderer returned by the SVG methods.
type svgRenderer struct {
	s    scene
	text string
}

func (r svgRenderer) Render() (display.Data, error) { return svgBundle(r.s, r.text) }

func writeFile(path string, b []byte, err error) error {
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
