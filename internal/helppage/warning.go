package helppage

import "fmt"

// Warning is something a Help Page document does not say, reported with the document
// and line it concerns instead of being guessed silently.
type Warning struct {
	Source  string
	Line    int
	Message string
}

// String formats the warning as "source:line: message".
func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.Source, w.Line, w.Message)
	}
	return fmt.Sprintf("%s: %s", w.Source, w.Message)
}
