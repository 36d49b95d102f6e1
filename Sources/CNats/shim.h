#ifndef SLUICE_CNATS_SHIM_H
#define SLUICE_CNATS_SHIM_H
// Every NATS C client header reaches Swift through this one file (Debian: libnats-dev).
#include <nats/nats.h>
#endif
