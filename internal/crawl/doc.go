// Package crawl fetches an ASP.NET Web API Help Page site: the index page, every page it
// links under the same prefix (the Api/... pages) and every page those link (the
// ResourceModel?modelName=... pages), with bounded concurrency, a per-request timeout,
// retries with backoff, and caps on the bytes of a page and the number of pages.
//
// The crawl never leaves the site: it follows only links on the start URL's scheme and
// host whose path is under the start URL's path, and no redirect that leaves them (but
// the index's own redirect from http to https on the same host name, which moves the
// crawl to https).
// Each page is named by the file a mirror (wget -m -E --restrict-file-names=windows)
// saves it under, so that a saved crawl reads back as the same documents.
package crawl
