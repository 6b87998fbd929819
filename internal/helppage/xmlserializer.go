package helppage

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"

	yaml "github.com/oasdiff/yaml3"
)

// XmlSerializer (XmlMediaTypeFormatter.UseXmlSerializer = true) is recognised from the
// XML samples: XmlSerializer declares xmlns:xsi and xmlns:xsd on the root of a class or a
// collection and writes no data contract namespace, where DataContractSerializer declares
// xmlns:i and a data contract namespace. A service has one XmlMediaTypeFormatter, so the
// finding is the document's x-dotnet-xml-serializer.

const (
	extXMLSerializer = "x-dotnet-xml-serializer"
	xmlSerializerKey = "XmlSerializer"
	schemaNamespace  = "http://www.w3.org/2001/XMLSchema"
)

// isXMLSerializerSample tells whether an XML sample was written by XmlSerializer: its
// root declares xmlns:xsi and xmlns:xsd, and the text names no data contract namespace.
func isXMLSerializerSample(text string) bool {
	if strings.Contains(text, contractPrefix) || strings.Contains(text, "http://schemas.microsoft.com/2003/10/Serialization") {
		return false
	}
	dec := xml.NewDecoder(strings.NewReader(text))
	for {
		tok, err := dec.RawToken()
		if err != nil {
			return false
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		var xsi, xsd bool
		for _, a := range se.Attr {
			if a.Name.Space == "xmlns" {
				xsi = xsi || a.Value == instanceNamespace
				xsd = xsd || a.Value == schemaNamespace
			}
		}
		return xsi && xsd
	}
}

// detectXMLSerializer tells whether the pages' XML samples were written by XmlSerializer,
// warning when some pages show DataContractSerializer's instead (XmlSerializer is then
// assumed: a service has one XML formatter).
func (in *inferrer) detectXMLSerializer(pages []*Page) bool {
	var xs, dcs []string
	for _, p := range pages {
		for _, s := range append(append([]Sample(nil), p.RequestSamples...), p.ResponseSamples...) {
			if !s.Available || len(s.MediaTypes) == 0 || !isXMLMediaType(s.MediaTypes[0]) {
				continue
			}
			where := fmt.Sprintf("%s:%d", p.Source, s.Line)
			switch {
			case isXMLSerializerSample(s.Text):
				xs = append(xs, where)
			case strings.Contains(s.Text, contractPrefix) || strings.Contains(s.Text, `xmlns:i="`+instanceNamespace):
				dcs = append(dcs, where)
			}
		}
	}
	if len(xs) > 0 && len(dcs) > 0 {
		in.warnings = append(in.warnings, Warning{Source: "import", Message: fmt.Sprintf(
			"XML samples at %s were written by XmlSerializer, at %s by DataContractSerializer; %s: %s assumed (set %s in the overlay to choose)",
			strings.Join(xs, ", "), strings.Join(dcs, ", "), extXMLSerializer, xmlSerializerKey, extXMLSerializer)})
	}
	return len(xs) > 0
}

// markXMLSerializer sets x-dotnet-xml-serializer on doc when the pages' XML samples were
// written by XmlSerializer, and drops what the DataContractSerializer inference made of
// them: x-dotnet-order (which explains an XML order that is not ordinal; XmlSerializer
// writes declaration order) and the warnings about data contract namespaces and orders.
func (in *inferrer) markXMLSerializer(doc *yaml.Node) {
	if !in.xmlSerializer {
		return
	}
	set(doc, extXMLSerializer, str(xmlSerializerKey))
	if schemas := get(get(doc, "components"), "schemas"); schemas != nil {
		dropKey(schemas, extOrder)
	}
	kept := in.warnings[:0]
	for _, w := range in.warnings {
		if !strings.Contains(w.Message, "the XML sample shows no data contract namespace") &&
			!strings.Contains(w.Message, "[DataMember(Order)]") {
			kept = append(kept, w)
		}
	}
	in.warnings = kept
}

// xmlSerializerLayers splits a class's XML sample into its class hierarchy, base class
// first, as XmlSerializer wrote it: each class's members in declaration order, base class
// first, where Json.NET writes the most derived class's members first. So the XML order is
// the JSON order's classes reversed: the base class is the shortest start of the XML order
// that ends the JSON order, its derived class the next, and so on. Members only the XML sample shows join
// the class of the member before them. Without a JSON sample there is one class.
func (in *inferrer) xmlSerializerLayers(w where, children []*xmlElement, jsonKeys []string, hasJSON bool) []layer {
	var xmlNames []string
	for _, ch := range children {
		if !slices.Contains(xmlNames, ch.name) {
			xmlNames = append(xmlNames, ch.name)
		}
	}
	ns := ""
	if len(children) > 0 {
		ns = children[0].space
	}
	var x, j []string // the members both samples show, in each one's order
	for _, n := range xmlNames {
		if slices.Contains(jsonKeys, n) {
			x = append(x, n)
		}
	}
	for _, n := range jsonKeys {
		if slices.Contains(x, n) {
			j = append(j, n)
		}
	}
	blockOf := map[string]int{}
	if hasJSON {
		for block := 0; len(x) > 0; block++ {
			m := 1
			for m <= len(x) && !slices.Equal(x[:m], j[len(j)-m:]) {
				m++
			}
			if m > len(x) {
				in.warn(w, "the XML sample's member order is not XmlSerializer's (base class first, then declaration order) for the JSON sample's order; one class assumed")
				clear(blockOf)
				break
			}
			for _, n := range x[:m] {
				blockOf[n] = block
			}
			x, j = x[m:], j[:len(j)-m]
		}
	}
	var layers []layer
	cur := 0
	for _, n := range xmlNames {
		if b, ok := blockOf[n]; ok {
			cur = b
		}
		for len(layers) <= cur {
			layers = append(layers, layer{namespace: ns})
		}
		layers[cur].names = append(layers[cur].names, n)
	}
	return layers
}

// dropKey removes every mapping key named key under n.
func dropKey(n *yaml.Node, key string) {
	if n == nil {
		return
	}
	if n.Kind == yaml.MappingNode {
		out := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				continue
			}
			out = append(out, n.Content[i], n.Content[i+1])
		}
		n.Content = out
	}
	for _, c := range n.Content {
		dropKey(c, key)
	}
}
