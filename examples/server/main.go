// Server serves the feeds of a folder of posts over HTTP with
// sitefeed.Handler, and rebuilds them when it receives SIGHUP, swapping the
// new feeds in without dropping a request:
//
//	cd examples/server && go run .       # serves ../blog/posts
//	curl -i http://127.0.0.1:8080/rss.xml
//	kill -HUP <pid>                      # after editing a post
//
// Flags: -src DIR (default ../blog/posts), -url URL (default the server's own
// address), -addr HOST:PORT (default 127.0.0.1:8080), -title TEXT.
//
// A rebuild that fails (a bad post, say) is logged, and the previous feeds
// go on being served. GET / shows a page that links to every feed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"html"
	"log"
	"net/http"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/sitefeed/sitefeed"
)

func main() {
	src := flag.String("src", "../blog/posts", "folder of Markdown posts")
	siteURL := flag.String("url", "", "site URL (default http://ADDR/)")
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	title := flag.String("title", "Feeds served by sitefeed", "site title")
	flag.Parse()
	if flag.NArg() > 0 {
		log.Fatalf("unexpected arguments %q; see -h", flag.Args())
	}
	if *siteURL == "" {
		*siteURL = "http://" + *addr + "/"
	}
	site := sitefeed.Site{Title: *title, URL: *siteURL}

	set, err := build(*src, site)
	if err != nil {
		log.Fatal(err)
	}
	feeds, err := sitefeed.NewHandler(set)
	if err != nil {
		log.Fatal(err)
	}
	var current atomic.Pointer[sitefeed.Set]
	current.Store(set)

	// No http.ServeMux: it would redirect /tags/../rss.xml to /rss.xml,
	// where the Handler answers any path but a document's exact one with
	// a 404.
	root := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			index(w, current.Load())
			return
		}
		feeds.ServeHTTP(w, r)
	})
	srv := &http.Server{
		Addr:              *addr,
		Handler:           root,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
	}

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		for range hup {
			set, err := build(*src, site)
			if err == nil {
				err = feeds.Swap(set)
			}
			if err != nil {
				log.Printf("rebuild failed; still serving the previous feeds:\n%v", err)
				continue
			}
			current.Store(set)
			log.Printf("rebuilt: %d posts, %d feeds", len(set.Posts), len(set.Feeds()))
		}
	}()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()

	log.Printf("serving %d posts from %s at %s (pid %d; kill -HUP to rebuild)", len(set.Posts), *src, *siteURL, os.Getpid())
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}

// build loads the posts under src and builds their feeds. Posts dated after
// now are left out until a later rebuild. The folder is opened with os.Root,
// so a symbolic link in it cannot lead the server to read files elsewhere.
func build(src string, site sitefeed.Site) (*sitefeed.Set, error) {
	root, err := os.OpenRoot(src)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	posts, err := sitefeed.LoadDir(root.FS(), ".", nil)
	if err != nil {
		return nil, err
	}
	return sitefeed.Build(site, posts, &sitefeed.Options{Now: time.Now()})
}

// index writes a page that announces the site feeds in its head and links
// to every feed.
func index(w http.ResponseWriter, set *sitefeed.Set) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n%s</head>\n<body>\n<h1>%s</h1>\n<ul>\n",
		html.EscapeString(set.Site.Title), set.All.AlternateLinks(), html.EscapeString(set.Site.Title))
	for _, f := range set.Files() {
		fmt.Fprintf(w, "<li><a href=\"%s\">%s</a> (%s, %d posts)</li>\n",
			html.EscapeString(f.Feed.FeedURL(f.Format)), html.EscapeString(f.Path), f.Format, len(f.Feed.Items))
	}
	fmt.Fprint(w, "</ul>\n</body>\n</html>\n")
}
