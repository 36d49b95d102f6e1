#ifndef SLUICE_CNCURSES_SHIM_H
#define SLUICE_CNCURSES_SHIM_H
// SwiftPM drops pkg-config's -D flags, so wide-character support is switched on here,
// and every ncurses header reaches Swift through this one file.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

// Macros and globals Swift cannot import (or may not touch in Swift 6 mode).
static inline WINDOW *sluice_stdscr(void) { return stdscr; }
static inline int sluice_lines(void) { return LINES; }
static inline int sluice_cols(void) { return COLS; }
static inline int sluice_colors(void) { return COLORS; }
static inline int sluice_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t sluice_a_normal(void) { return A_NORMAL; }
static inline attr_t sluice_a_bold(void) { return A_BOLD; }
static inline attr_t sluice_a_dim(void) { return A_DIM; }
static inline attr_t sluice_a_reverse(void) { return A_REVERSE; }
static inline attr_t sluice_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sluice_color_pair(int n) { return COLOR_PAIR(n); }
static inline void sluice_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
#endif
