package display

import (
	"encoding/base64"
	"fmt"
)

// Data is a MIME bundle with its metadata, as a display_data or
// execute_result message carries it.
//
// Data maps a MIME type to its content: a string for textual and base64
// image types, any JSON value for application/json. ID is the display_id
// that later updates refer to; it is empty for outputs that never change.
type Data struct {
	Data     map[string]any
	Metadata map[string]any
	ID       string
}

// Renderer is implemented by values that show themselves richly: figures,
// tables, and types declared in cells. Render returns the bundle to show,
// or an error that is shown in its place.
type Renderer interface {
	Render() (Data, error)
}

// New returns a bundle holding content under mime, with a text/plain
// fallback when mime is not text/plain itself.
func New(mime string, content any) Data {
	d := Data{Data: map[string]any{mime: content}, Metadata: map[string]any{}}
	if mime != "text/plain" {
		d.Data["text/plain"] = fmt.Sprintf("<%s>", mime)
	}
	return d
}

// ImageData returns a bundle for an encoded PNG or JPEG image. A width or
// height above zero is sent as metadata, in CSS pixels, so that a 2x image
// shows sharp at half its pixel size.
func ImageData(mime string, img []byte, width, height int) Data {
	d := New(mime, base64.StdEncoding.EncodeToString(img))
	if width > 0 || height > 0 {
		md := map[string]any{}
		if width > 0 {
			md["width"] = width
		}
		if height > 0 {
			md["height"] = height
		}
		d.Metadata[mime] = md
	}
	return d
}

// Bundle returns the bundle that shows v: v.Render() for a Renderer or a
// value a registered Formatter knows (see RendererFor), a copy of v for a
// Data, and text/plain formatted with %v otherwise.
func Bundle(v any) (Data, error) {
	if r, ok := RendererFor(v); ok {
		return r.Render()
	}
	switch v := v.(type) {
	case Data:
		return v, nil
	case *Data:
		return *v, nil
	}
	return New("text/plain", fmt.Sprint(v)), nil
}
