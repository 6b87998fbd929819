// Package helpmock holds the files the helpmock command embeds: the default OpenAPI
// document and fixtures, so that `helpmock serve` runs from any directory.
package helpmock
