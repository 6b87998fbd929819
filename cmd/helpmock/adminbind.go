package main

import (
	"log/slog"
	"net"
	"strings"

	"github.com/helpmock/helpmock/mock"
)

// secureAdmin fits the admin API to the address serve listens on (see SECURITY.md): on a
// loopback address it answers this machine's user; on any other (-addr :8080, 0.0.0.0,
// a LAN address) other machines reach it too, so it is served only with -admin-token,
// and turned off, saying so, without one. The admin API also answers the listen host
// (an unspecified address: any IP address). It warns when -journal-secrets shows
// secrets.
func (cfg *serveConfig) secureAdmin(opts *mock.Options, logger *slog.Logger) {
	host := listenHost(cfg.addr)
	if opts.Admin {
		switch {
		case isLoopback(host):
			opts.AdminHosts = append(opts.AdminHosts, host)
		case opts.AdminToken == "":
			opts.Admin = false
			logger.Warn("admin API off: -addr "+cfg.addr+" is reachable from other machines; "+
				"set -admin-token (or HELPMOCK_ADMIN_TOKEN) to serve /__helpmock/ with a Bearer token, or listen on 127.0.0.1",
				"addr", cfg.addr)
		default:
			opts.AdminHosts = append(opts.AdminHosts, host)
			logger.Info("admin API requires its token", "addr", cfg.addr)
		}
	}
	if opts.JournalSecrets {
		logger.Warn("-journal-secrets: the journal (GET /__helpmock/requests) and the request log show " +
			"Authorization headers, cookies and the spec's secret members in clear")
	}
}

// listenHost returns the host of a listen address ("0.0.0.0" when it names none, as
// ":8080" does).
func listenHost(addr string) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if host = strings.Trim(host, "[]"); host == "" {
		return "0.0.0.0"
	}
	return host
}

// isLoopback reports whether host, a listen host, is localhost or a loopback address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
