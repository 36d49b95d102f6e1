#ifndef SLUICE_CCRC32C_H
#define SLUICE_CCRC32C_H

#include <stddef.h>
#include <stdint.h>

/// CRC-32C (Castagnoli) of `count` bytes, continuing from `crc` (the running value, already inverted:
/// ~0 to start; invert the result to finish). Uses the SSE 4.2 crc32 instruction when the CPU has it.
uint32_t sluice_crc32c_update(uint32_t crc, const uint8_t *bytes, size_t count);

/// The same, a byte at a time from a table: what other CPUs use, and what tests hold the fast path to.
uint32_t sluice_crc32c_update_bytewise(uint32_t crc, const uint8_t *bytes, size_t count);

#endif
