package specdiff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/helpmock/helpmock/internal/model"
)

// memberPair is a member of the old class and its counterpart in the new one.
type memberPair struct{ o, n *model.Member }

// members compares the data members of two classes: JSON clients by Json.NET's members,
// XML clients by the serializer's, with their element names, namespaces and order.
func (c *comparer) members(o, n *model.Type, path string) {
	om, nm := o.Members, n.Members
	if c.xml {
		om, nm = o.XMLMembers, n.XMLMembers
	}
	pairs, removed, added := matchMembers(om, nm)
	oLevel, nLevel := classLevels(om), classLevels(nm)
	nsGroups := map[[3]string][]string{}
	var nsOrder [][3]string
	for _, p := range pairs {
		mpath := path + "." + p.n.Name
		renamed := p.o.Name != p.n.Name
		if renamed {
			mpath = path + "." + p.o.Name
			c.renamed(p, mpath)
		}
		if c.xml && !renamed && p.o.XMLName != p.n.XMLName {
			c.emit(mpath, XMLNameChanged, fmt.Sprintf("XML element renamed from %s to %s (the JSON name is unchanged): the reader no longer finds it", p.o.XMLName, p.n.XMLName), true)
		}
		if c.xml && oLevel[p.o.Class] != nLevel[p.n.Class] {
			msg := fmt.Sprintf("moved from class %s to %s", p.o.Class, p.n.Class)
			if p.o.Namespace != p.n.Namespace {
				msg += fmt.Sprintf(", so from namespace %s to %s: the reader no longer finds it", p.o.Namespace, p.n.Namespace)
			}
			c.emit(mpath, MemberMovedClass, msg, p.o.Namespace != p.n.Namespace)
		} else if c.xml && p.o.Namespace != p.n.Namespace {
			key := [3]string{p.n.Class, p.o.Namespace, p.n.Namespace}
			if _, ok := nsGroups[key]; !ok {
				nsOrder = append(nsOrder, key)
			}
			nsGroups[key] = append(nsGroups[key], p.n.Name)
		}
		switch {
		case !p.o.Required && p.n.Required:
			c.emit(mpath, MemberRequired, "became required", c.narrowed())
		case p.o.Required && !p.n.Required:
			c.emit(mpath, MemberOptional, "became optional: readers may miss it", c.widened())
		}
		c.compare(p.o.Type, p.n.Type, mpath, false)
	}
	for _, key := range nsOrder {
		c.emit(path, NamespaceChanged, fmt.Sprintf("data contract namespace of %s changed from %s to %s: the reader no longer finds %s",
			key[0], orNone(key[1]), orNone(key[2]), strings.Join(nsGroups[key], ", ")), true)
	}
	for _, m := range removed {
		if c.request {
			c.emit(path+"."+m.Name, MemberRemoved, "member removed: the service ignores it", false)
		} else {
			c.emit(path+"."+m.Name, MemberRemoved, "member removed: clients reading it get nothing", true)
		}
	}
	for _, m := range added {
		switch {
		case m.Required && c.request:
			c.emit(path+"."+m.Name, MemberAdded, "required member added: clients do not send it", true)
		case m.Required:
			c.emit(path+"."+m.Name, MemberAdded, "member added (always written): old readers skip it", false)
		default:
			c.emit(path+"."+m.Name, MemberAdded, "optional member added", false)
		}
	}
	if c.xml {
		c.order(o, n, pairs, path)
	}
}

// classLevels numbers the declaring classes of members, most derived 0, its base 1, ...,
// so that a member moved between base and derived class changes level and a class that
// is renamed or gains a base class does not.
func classLevels(members []*model.Member) map[string]int {
	var classes []string
	for _, m := range members {
		if !slices.Contains(classes, m.Class) {
			classes = append(classes, m.Class)
		}
	}
	levels := make(map[string]int, len(classes))
	for i, class := range classes {
		levels[class] = len(classes) - 1 - i
	}
	return levels
}

// renamed judges a member renamed: a change of case alone is safe for a request to
// Json.NET, which binds names case-insensitively; any other rename hides the member.
func (c *comparer) renamed(p memberPair, path string) {
	msg := fmt.Sprintf("member renamed from %s to %s", p.o.Name, p.n.Name)
	switch {
	case c.xml && p.o.XMLName == p.n.XMLName:
		c.emit(path, MemberRenamed, msg+" (the XML element keeps its name)", false)
	case c.xml:
		c.emit(path, MemberRenamed, msg+": the reader no longer finds it", true)
	case strings.EqualFold(p.o.Name, p.n.Name) && c.request:
		c.emit(path, MemberRenamed, msg+": Json.NET binds member names case-insensitively", false)
	default:
		c.emit(path, MemberRenamed, msg+": the reader no longer finds it", true)
	}
}

// matchMembers pairs the members of two versions of a class: by name, then by name
// case-insensitively, then, within one declaring class, a lone removed member with a lone
// added one of the same kind (a rename).
func matchMembers(om, nm []*model.Member) (pairs []memberPair, removed, added []*model.Member) {
	used := map[*model.Member]bool{}
	var rest []*model.Member
	for _, o := range om {
		if n := find(nm, used, func(n *model.Member) bool { return n.Name == o.Name }); n != nil {
			pairs = append(pairs, memberPair{o, n})
			continue
		}
		rest = append(rest, o)
	}
	var unmatched []*model.Member
	for _, o := range rest {
		if n := find(nm, used, func(n *model.Member) bool { return strings.EqualFold(n.Name, o.Name) }); n != nil {
			pairs = append(pairs, memberPair{o, n})
			continue
		}
		unmatched = append(unmatched, o)
	}
	for _, o := range unmatched {
		inClass := func(ms []*model.Member, class string, skip func(*model.Member) bool) []*model.Member {
			var out []*model.Member
			for _, m := range ms {
				if m.Class == class && !skip(m) {
					out = append(out, m)
				}
			}
			return out
		}
		olds := inClass(unmatched, o.Class, func(*model.Member) bool { return false })
		news := inClass(nm, o.Class, func(m *model.Member) bool { return used[m] })
		if len(olds) == 1 && len(news) == 1 && news[0].Type.Kind == o.Type.Kind {
			used[news[0]] = true
			pairs = append(pairs, memberPair{o, news[0]})
			continue
		}
		removed = append(removed, o)
	}
	for _, n := range nm {
		if !used[n] {
			added = append(added, n)
		}
	}
	return pairs, removed, added
}

func find(ms []*model.Member, used map[*model.Member]bool, ok func(*model.Member) bool) *model.Member {
	for _, m := range ms {
		if !used[m] && ok(m) {
			used[m] = true
			return m
		}
	}
	return nil
}

// order finds the members whose place among the others changed. DataContractSerializer
// reads members in order and skips an element it meets after a later one, so such a
// member is dropped silently, in either direction; XmlSerializer reads them in any order.
func (c *comparer) order(o, n *model.Type, pairs []memberPair, path string) {
	newName := map[*model.Member]string{}
	for _, p := range pairs {
		newName[p.o] = p.n.Name
	}
	var before, after []string
	for _, m := range o.XMLMembers {
		if name, ok := newName[m]; ok {
			before = append(before, name)
		}
	}
	paired := map[*model.Member]bool{}
	for _, p := range pairs {
		paired[p.n] = true
	}
	for _, m := range n.XMLMembers {
		if paired[m] {
			after = append(after, m.Name)
		}
	}
	keep := lcs(before, after)
	if len(keep) == len(before) {
		return
	}
	var moved []string
	for _, name := range after {
		if !keep[name] {
			moved = append(moved, name)
		}
	}
	if !c.ordered {
		c.emit(path, MemberOrderChanged, fmt.Sprintf("XML member order changed from %s to %s: XmlSerializer reads members in any order",
			strings.Join(before, ", "), strings.Join(after, ", ")), false)
		return
	}
	c.emit(path, MemberOrderChanged, fmt.Sprintf("DataContractSerializer member order changed from %s to %s: a reader expecting the other order silently drops %s",
		strings.Join(before, ", "), strings.Join(after, ", "), strings.Join(moved, ", ")), true)
}

// lcs returns the names of a longest common subsequence of a and b, which hold the same
// distinct names.
func lcs(a, b []string) map[string]bool {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	keep := map[string]bool{}
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			keep[a[i]] = true
			i++
			j++
		case dp[i+1][j] >= dp[i][j+1]:
			i++
		default:
			j++
		}
	}
	return keep
}
