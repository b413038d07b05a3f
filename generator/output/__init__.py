"""Making the site's files: paths and URLs, pages, maps, exports, citations, search, the atomic write."""
