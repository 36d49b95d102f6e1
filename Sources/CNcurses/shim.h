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
#include <signal.h>
#include <string.h>
#include <unistd.h>
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
// A screen on the process's own terminal (stdin/stdout are globals Swift 6 may not touch).
static inline SCREEN *sluice_newterm(void) { return newterm(NULL, stdout, stdin); }

// Sets attributes and an extended colour pair (beyond 32767) in one call.
static inline int sluice_set_style(WINDOW *w, attr_t attrs, int pair) { return wattr_set(w, attrs, 0, &pair); }

// Signals. A signal whose default would end the process (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1,
// SIGPIPE, SIGALRM and their kin) only sets a flag the UI loop polls, so the terminal is restored on
// the normal path and the process then exits 128 + the signal; a second one restores it at once and
// exits. SIGQUIT is among them so the Swift runtime's backtracer never paints over the dashboard.
// The exception is a SIGPIPE the kernel raises for our own write to a closed socket (a Kafka client
// that went away, a server an adapter lost): the kernel sends it as SI_USER from our own pid, and
// the write's EPIPE is the error, handled where the write is. One sent by another process stops.
// A fatal signal (a crash) restores the terminal, then lets the default action happen (core dump, exit).
// Install and poll from the same Swift file: each file gets its own copy of these statics.
static volatile sig_atomic_t sluice_stop_signal = 0;
static void sluice_on_stop(int sig, siginfo_t *info, void *context) {
    (void)context;
    if (sig == SIGPIPE && info != NULL && info->si_code == SI_USER && info->si_pid == getpid()) return;
    if (sluice_stop_signal != 0) { endwin(); _exit(128 + sig); }
    sluice_stop_signal = sig;
}
static void sluice_on_fatal(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}
static const int sluice_stop_signals[] = {
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
    SIGIO, SIGPWR,
};
static const int sluice_fatal_signals[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS };
#define SLUICE_COUNT(array) (sizeof array / sizeof array[0])
// What each signal did before the dashboard: restored after it, so SwiftNIO's ignored SIGPIPE stays
// ignored while the listener closes its connections.
// (Function-local statics: file-scope arrays in an imported header are not emitted for Swift.)
static inline struct sigaction *sluice_previous_stop(void) {
    static struct sigaction saved[SLUICE_COUNT(sluice_stop_signals)];
    return saved;
}
static inline struct sigaction *sluice_previous_fatal(void) {
    static struct sigaction saved[SLUICE_COUNT(sluice_fatal_signals)];
    return saved;
}
static inline void sluice_install_signal_handlers(void) {
    struct sigaction stop, fatal;
    memset(&stop, 0, sizeof stop);
    memset(&fatal, 0, sizeof fatal);
    stop.sa_sigaction = sluice_on_stop;
    stop.sa_flags = SA_SIGINFO;
    fatal.sa_handler = sluice_on_fatal;
    sigemptyset(&stop.sa_mask);
    sigemptyset(&fatal.sa_mask);
    for (unsigned i = 0; i < SLUICE_COUNT(sluice_stop_signals); i++)
        sigaction(sluice_stop_signals[i], &stop, &sluice_previous_stop()[i]);
    for (unsigned i = 0; i < SLUICE_COUNT(sluice_fatal_signals); i++)
        sigaction(sluice_fatal_signals[i], &fatal, &sluice_previous_fatal()[i]);
}
static inline void sluice_restore_signal_handlers(void) {
    for (unsigned i = 0; i < SLUICE_COUNT(sluice_stop_signals); i++)
        sigaction(sluice_stop_signals[i], &sluice_previous_stop()[i], NULL);
    for (unsigned i = 0; i < SLUICE_COUNT(sluice_fatal_signals); i++)
        sigaction(sluice_fatal_signals[i], &sluice_previous_fatal()[i], NULL);
}
static inline int sluice_pending_stop_signal(void) { return sluice_stop_signal; }
#endif
