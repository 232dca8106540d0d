/* serve_page.h - the web page served at / by `claimline serve`. */
#ifndef CLAIMLINE_SERVE_PAGE_H
#define CLAIMLINE_SERVE_PAGE_H

extern const char serve_page_html[];

#endif
