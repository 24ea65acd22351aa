package diagram

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	svg "github.com/ajstarks/svgo"
)

// Layout of the SVG drawing, in pixels: tiers on the left, the hub in the middle, what lies outside on
// the right, and the numbered declared flows drawn over them with a legend below.
const (
	width      = 1010
	top        = 70
	tierX      = 130
	tierW      = 250
	tierH      = 100
	tierGap    = 40
	hubX       = 470
	hubW       = 190
	extX       = 760
	extW       = 220
	extH       = 70
	extGap     = 24
	legendLine = 22
)

// Colours: every box also carries its kind in words, so colour is never the only signal.
var fills = map[string]string{
	"platinum":    "#e8eaf6",
	"gold":        "#fff8e1",
	"bronze":      "#efebe9",
	KindHub:       "#e0f2f1",
	KindInternet:  "#fce4ec",
	"psn":         "#ede7f6",
	"onprem":      "#f1f8e9",
	"landingzone": "#e3f2fd",
}

const (
	red       = "#b00020"
	flowBlue  = "#1565c0"
	linkGrey  = "#757575"
	textStyle = "font-family:Arial,Helvetica,sans-serif;font-size:14px;fill:#212121"
	smallText = "font-family:Arial,Helvetica,sans-serif;font-size:12px;fill:#424242"
	boldText  = "font-family:Arial,Helvetica,sans-serif;font-size:15px;font-weight:bold;fill:#212121"
)

type box struct{ x, y, w, h int }

func (b box) midY() int  { return b.y + b.h/2 }
func (b box) right() int { return b.x + b.w }

// SVG writes the diagram as a standalone SVG document.
func SVG(w io.Writer, lz LandingZone) error {
	var b bytes.Buffer
	draw(&b, lz)
	_, err := w.Write(b.Bytes())
	return err
}

// SVGString returns the diagram as an <svg> element to embed in HTML (no XML declaration).
func SVGString(lz LandingZone) string {
	var b bytes.Buffer
	draw(&b, lz)
	s := b.String()
	if i := strings.Index(s, "<svg"); i > 0 {
		s = s[i:]
	}
	return s
}

func (lz LandingZone) boxes() map[string]box {
	out := map[string]box{}
	for i, t := range lz.Tiers {
		out[t.ID] = box{tierX, top + i*(tierH+tierGap), tierW, tierH}
	}
	for i, x := range lz.Externals {
		out[x.ID] = box{extX, top + i*(extH+extGap), extW, extH}
	}
	out[lz.Hub.ID] = box{hubX, top, hubW, lz.columnHeight()}
	return out
}

func (lz LandingZone) columnHeight() int {
	h := max(len(lz.Tiers)*(tierH+tierGap)-tierGap, len(lz.Externals)*(extH+extGap)-extGap, 220)
	return h
}

func draw(w io.Writer, lz LandingZone) {
	colH := lz.columnHeight()
	legendTop := top + colH + 50
	height := legendTop + 30 + legendLine*max(len(lz.Flows), 1) + 20
	marker := "arrow-" + id(lz.Name)

	s := svg.New(w)
	s.Start(width, height, fmt.Sprintf(`viewBox="0 0 %d %d"`, width, height), `style="max-width:100%;height:auto"`, `role="img"`,
		fmt.Sprintf(`aria-label="Network of landing zone %s"`, xmlAttr(lz.Name)))
	s.Title(fmt.Sprintf("Network of landing zone %s: tiers, hub, egress, PSN edge and declared flows", lz.Name))
	s.Def()
	s.Marker(marker, 9, 5, 10, 10, `orient="auto"`, `markerUnits="strokeWidth"`)
	s.Path("M0,0 L10,5 L0,10 z", "fill:"+flowBlue)
	s.MarkerEnd()
	s.DefEnd()
	s.Rect(0, 0, width, height, "fill:#ffffff")

	title := "Landing zone " + lz.Name
	if lz.Cloud != "" {
		title += " (" + lz.Cloud + ")"
	}
	if lz.Supernet.IsValid() {
		title += "  " + lz.Supernet.String()
	}
	s.Text(20, 32, title, "font-family:Arial,Helvetica,sans-serif;font-size:20px;font-weight:bold;fill:#212121")
	s.Text(20, 54, "Grey: paths through the hub. Blue, numbered: declared flows (everything else is denied). Red dashed: isolated tier.", smallText)

	boxes := lz.boxes()
	hub := boxes[lz.Hub.ID]

	// Paths through the hub, under the boxes.
	for _, l := range lz.Links {
		from, okF := boxes[l.From]
		to, okT := boxes[l.To]
		if !okF || !okT {
			continue
		}
		var x1, x2, y int
		if l.From == lz.Hub.ID { // hub -> external
			x1, x2, y = hub.right(), to.x, to.midY()
		} else { // tier -> hub
			x1, x2, y = from.right(), hub.x, from.midY()
		}
		style := "stroke:" + linkGrey + ";stroke-width:2"
		labelStyle := smallText
		if l.Isolated {
			style = "stroke:" + red + ";stroke-width:3;stroke-dasharray:8 5"
			labelStyle = "font-family:Arial,Helvetica,sans-serif;font-size:11px;fill:" + red
		}
		s.Line(x1, y, x2, y, style)
		labelY := y - 8
		if l.Isolated {
			labelY = y + 18 // below the line: a flow leaving the tier runs just above it
		}
		s.Text((x1+x2)/2, labelY, l.Label, labelStyle+";text-anchor:middle")
	}

	// Boxes.
	drawNode := func(n Node, b box) {
		style := fmt.Sprintf("fill:%s;stroke:#455a64;stroke-width:1.5", fillOf(n))
		if n.Isolated {
			style = fmt.Sprintf("fill:%s;stroke:%s;stroke-width:3;stroke-dasharray:8 5", fillOf(n), red)
		}
		if n.Kind == KindInternet {
			s.Roundrect(b.x, b.y, b.w, b.h, 35, 35, style)
		} else {
			s.Roundrect(b.x, b.y, b.w, b.h, 8, 8, style)
		}
		y := b.y + 24
		s.Text(b.x+12, y, n.Label+kindSuffix(n), boldText)
		if n.CIDR.IsValid() {
			y += 20
			s.Text(b.x+12, y, n.CIDR.String(), textStyle)
		}
		if n.Kind == KindHub {
			// The hub's notes sit at the foot of its box, clear of the flows that cross its middle.
			y = b.y + b.h - 12 - 18*len(n.Notes)
		}
		for _, note := range n.Notes {
			y += 18
			st := smallText
			if n.Isolated || strings.HasPrefix(note, "no ") {
				st = "font-family:Arial,Helvetica,sans-serif;font-size:12px;font-weight:bold;fill:" + red
			}
			s.Text(b.x+12, y, note, st)
		}
	}
	for _, t := range lz.Tiers {
		drawNode(t, boxes[t.ID])
	}
	for _, x := range lz.Externals {
		drawNode(x, boxes[x.ID])
	}
	drawNode(lz.Hub, hub)

	// Declared flows over everything.
	left := 0
	for i, f := range lz.Flows {
		from, okF := boxes[f.From]
		to, okT := boxes[f.To]
		if !okF || !okT {
			continue
		}
		style := "fill:none;stroke:" + flowBlue + ";stroke-width:2.5;marker-end:url(#" + marker + ")"
		off := (i%4)*10 - 15
		var lx, ly int
		switch {
		case from.x == tierX && to.x == tierX: // tier to tier: an arc left of the tiers
			left++
			dx := 22 + 26*left
			y1, y2 := from.midY()+off, to.midY()+off
			s.Path(fmt.Sprintf("M%d,%d C%d,%d %d,%d %d,%d", tierX, y1, tierX-dx, y1, tierX-dx, y2, tierX, y2), style)
			lx, ly = tierX-dx*3/4, (y1+y2)/2
		case from.x == tierX: // tier to outside, across the hub
			y1, y2 := from.midY()+off, to.midY()+off/2
			s.Path(fmt.Sprintf("M%d,%d L%d,%d L%d,%d L%d,%d", from.right(), y1, hub.x+20, y1, hub.right()-20, y2, to.x, y2), style)
			lx, ly = hub.x+hubW/2, (y1+y2)/2
		case to.x == tierX: // outside to a tier
			y1, y2 := from.midY()+off/2, to.midY()+off
			s.Path(fmt.Sprintf("M%d,%d L%d,%d L%d,%d L%d,%d", from.x, y1, hub.right()-20, y1, hub.x+20, y2, to.right(), y2), style)
			lx, ly = hub.x+hubW/2, (y1+y2)/2
		default:
			s.Line(from.x, from.midY(), to.x, to.midY(), style)
			lx, ly = (from.x+to.x)/2, (from.midY()+to.midY())/2
		}
		s.Circle(lx, ly, 11, "fill:#ffffff;stroke:"+flowBlue+";stroke-width:2")
		s.Text(lx, ly+4, fmt.Sprint(f.N), "font-family:Arial,Helvetica,sans-serif;font-size:12px;font-weight:bold;fill:"+flowBlue+";text-anchor:middle")
	}

	// Legend.
	s.Text(20, legendTop, "Declared flows", boldText)
	if len(lz.Flows) == 0 {
		s.Text(20, legendTop+legendLine+6, "None: every connection between tiers and to the outside is denied.", textStyle)
	}
	for i, f := range lz.Flows {
		y := legendTop + legendLine*(i+1) + 6
		s.Text(20, y, fmt.Sprintf("%d.  %s → %s, %s: %s", f.N, f.FromLabel, f.ToLabel, f.Describe(), f.Reason), textStyle)
	}
	s.End()
}

func fillOf(n Node) string {
	if c, ok := fills[n.ID]; ok && n.Kind == KindTier {
		return c
	}
	if c, ok := fills[n.Kind]; ok {
		return c
	}
	return "#f5f5f5"
}

// kindSuffix says in words what a box is, next to its label.
func kindSuffix(n Node) string {
	switch n.Kind {
	case KindTier:
		return " tier"
	case KindHub:
		return " (shared services)"
	}
	return ""
}

// xmlAttr escapes a value for an XML attribute.
func xmlAttr(s string) string {
	r := strings.NewReplacer(`&`, "&amp;", `<`, "&lt;", `>`, "&gt;", `"`, "&quot;")
	return r.Replace(s)
}
