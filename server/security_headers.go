package main

// Headers and routes for a server on the internet, for every response:
//   - the app's pages are not framed (frame-ancestors, which a <meta> CSP
//     cannot carry; the rest of the app's policy is the <meta> SvelteKit
//     writes with its script hashes), no <object>, no <base> elsewhere;
//   - Referrer-Policy and Permissions-Policy (the camera only for the app
//     itself: photo and QR scanning);
//   - the admin UI (/_/) answers a plain 403 outside the reviewers' networks
//     (Settings → superuserIPs, set from ADMIN_ALLOW; PocketBase itself
//     refuses reviewers' API requests from elsewhere);
//   - an unknown /api/ path is a 404 JSON, not the app's index.html with 200.

import (
	"net"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

const (
	pageCSP           = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'"
	referrerPolicy    = "same-origin"
	permissionsPolicy = "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()"
	// catchAll is the pattern of the static files route (main.go): an /api/ request that lands there matched no API route.
	catchAll = "/{path...}"
)

func securityHeaders(e *core.RequestEvent) error {
	h := e.Response.Header()
	h.Set("Referrer-Policy", referrerPolicy)
	h.Set("Permissions-Policy", permissionsPolicy)
	p := e.Request.URL.Path

	switch {
	case p == "/_" || strings.HasPrefix(p, "/_/"):
		if ips := e.App.Settings().SuperuserIPs; len(ips) > 0 && !ipListed(ips, e.RealIP()) {
			return e.String(http.StatusForbidden, "403 审核后台只能从指定的网络访问。\n")
		}
		h.Set("Content-Security-Policy", pageCSP)
	case strings.HasPrefix(p, "/api/"):
		// Files keep PocketBase's own sandboxing policy; API answers are JSON.
		if strings.HasSuffix(e.Request.Pattern, catchAll) {
			return e.JSON(http.StatusNotFound, map[string]any{"status": 404, "message": "接口不存在。", "data": map[string]any{}})
		}
	default:
		h.Set("Content-Security-Policy", pageCSP)
	}
	return e.Next()
}

// ipListed reports whether ip is one of the listed addresses or inside one of the listed subnets.
func ipListed(list []string, ip string) bool {
	addr := net.ParseIP(ip)
	for _, item := range list {
		if item == ip {
			return true
		}
		if _, subnet, err := net.ParseCIDR(item); err == nil && addr != nil && subnet.Contains(addr) {
			return true
		}
	}
	return false
}
