package helppage

func parseHTML(text string) []block { return nil }
