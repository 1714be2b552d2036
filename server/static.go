package main

// Serving the built PWA (pb_public/) for phones on slow mobile networks:
// the brotli or gzip copy written beside each text file at build time
// (scripts/compress-public.js) when the browser accepts it, cache lifetimes
// by kind of file, and validators so a revisit costs a 304. API responses
// carry personal data: no cache may keep them (a 网吧 computer is shared).
// The same headers for a reverse proxy are in the README (Deploying).

import (
	"errors"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
	cachePrivate    = "private, no-store"
)

// encodings in order of preference, with the suffix of their pre-compressed copy.
var encodings = []struct{ name, suffix string }{{"br", ".br"}, {"gzip", ".gz"}}

// Types the standard table lacks or that differ between machines' /etc/mime.types.
var contentTypes = map[string]string{
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".html":        "text/html; charset=utf-8",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".svg":         "image/svg+xml",
	".wasm":        "application/wasm",
}

// publicAPI lists the /api/ paths that hold nothing personal; every other API
// response is private, no-store.
var publicAPI = map[string]bool{
	"/api/health":        true,
	"/api/anguan/config": true,
}

// servePublic answers GET /{path...} from dir: the file, else a prerendered
// page (name.html), else with indexFallback index.html (the SPA's routes) —
// except under /_app/, where a missing file is a 404 rather than HTML passed
// off as a script.
func servePublic(dir string, indexFallback bool) func(*core.RequestEvent) error {
	fsys := os.DirFS(dir)
	return func(e *core.RequestEvent) error {
		name := path.Clean("/" + e.Request.PathValue(apis.StaticWildcardParam))[1:]
		if name == "" {
			name = router.IndexPage
		}
		if isFile(fsys, name) {
			return serveFile(e, fsys, name)
		}
		// A prerendered page (login.html for /login), as nginx's try_files $uri $uri.html.
		if path.Ext(name) == "" && isFile(fsys, name+".html") {
			return serveFile(e, fsys, name+".html")
		}
		if indexFallback && !strings.HasPrefix(name, "_app/") && isFile(fsys, router.IndexPage) {
			return serveFile(e, fsys, router.IndexPage)
		}
		return router.ErrFileNotFound
	}
}

// privateAPI marks API responses uncacheable before any handler runs; handlers
// that set their own Cache-Control (realtime's no-store) keep theirs.
func privateAPI(e *core.RequestEvent) error {
	p := e.Request.URL.Path
	if strings.HasPrefix(p, "/api/") && !publicAPI[p] {
		e.Response.Header().Set("Cache-Control", cachePrivate)
	}
	return e.Next()
}

func isFile(fsys fs.FS, name string) bool {
	fi, err := fs.Stat(fsys, name)
	return err == nil && fi.Mode().IsRegular()
}

func serveFile(e *core.RequestEvent, fsys fs.FS, name string) error {
	h := e.Response.Header()
	h.Set("Cache-Control", cacheControl(name))
	ext := path.Ext(name)
	if ct, ok := contentTypes[ext]; ok {
		h.Set("Content-Type", ct)
	} else if ct := mime.TypeByExtension(ext); ct != "" {
		h.Set("Content-Type", ct)
	}

	served, encoding := name, ""
	compressed := false
	for _, enc := range encodings {
		if !isFile(fsys, name+enc.suffix) {
			continue
		}
		compressed = true
		if encoding == "" && accepts(e.Request.Header.Get("Accept-Encoding"), enc.name) {
			served, encoding = name+enc.suffix, enc.name
		}
	}
	if compressed {
		h.Add("Vary", "Accept-Encoding")
	}

	f, err := fsys.Open(served)
	if err != nil {
		return router.ErrFileNotFound
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	content, ok := f.(io.ReadSeeker)
	if !ok {
		return errors.New("servePublic: file is not seekable")
	}
	if encoding != "" {
		h.Set("Content-Encoding", encoding)
	}
	// Size and modification time, as nginx does; each encoding is its own file, so its own tag.
	h.Set("ETag", `"`+strconv.FormatInt(fi.ModTime().UnixMilli(), 36)+"-"+strconv.FormatInt(fi.Size(), 36)+`"`)
	http.ServeContent(e.Response, e.Request, "", fi.ModTime(), content)
	return nil
}

// cacheControl: hashed build output never changes under its name; everything
// else (index.html, the service worker, the manifest, icons, models) is
// revalidated on each use, which costs a 304 when unchanged.
func cacheControl(name string) string {
	if strings.HasPrefix(name, "_app/immutable/") {
		return cacheImmutable
	}
	return cacheRevalidate
}

// accepts reports whether an Accept-Encoding header value allows coding
// (listed, or covered by "*", with a q-value above zero).
func accepts(header, coding string) bool {
	allowed := false
	for _, part := range strings.Split(header, ",") {
		token, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		token = strings.ToLower(strings.TrimSpace(token))
		if token != coding && token != "*" {
			continue
		}
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if parsed, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = parsed
			}
		}
		if token == coding {
			return q > 0
		}
		allowed = q > 0
	}
	return allowed
}
