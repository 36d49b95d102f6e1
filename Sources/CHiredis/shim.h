#ifndef SLUICE_CHIREDIS_SHIM_H
#define SLUICE_CHIREDIS_SHIM_H
// Every hiredis header reaches Swift through this one file (Debian: libhiredis-dev).
#include <hiredis/hiredis.h>
#endif
