// CRC-32C for record batches: every produced batch is checked, so this runs over every byte a client sends.
// The SSE 4.2 crc32 instruction does eight bytes a step, but each step waits three cycles for the one
// before; three streams over three neighbouring blocks keep it busy every cycle, and their registers are
// then joined by "shift by a block of zeros" operators, precomputed as tables. A byte-wise table is the
// fallback on other CPUs.
#include "CCRC32C.h"

#include <string.h>

#define POLY 0x82F63B78u  // Castagnoli, bit-reflected
#define LONG_BLOCK_LOG2 13  // 8 KiB per stream for large inputs
#define SHORT_BLOCK_LOG2 8  // 256 bytes per stream for what remains
#define LONG_BLOCK (1u << LONG_BLOCK_LOG2)
#define SHORT_BLOCK (1u << SHORT_BLOCK_LOG2)

static uint32_t table[256];
// shift_long[k][v]: a raw register holding byte v at byte k, after LONG_BLOCK zero bytes; shift_short likewise.
static uint32_t shift_long[4][256];
static uint32_t shift_short[4][256];

// A 32x32 matrix over GF(2) as its columns: column i is the image of bit i.
static uint32_t gf2_apply(const uint32_t *matrix, uint32_t vector) {
    uint32_t sum = 0;
    for (int i = 0; vector != 0; i++, vector >>= 1)
        if (vector & 1) sum ^= matrix[i];
    return sum;
}

static void gf2_square(uint32_t *square, const uint32_t *matrix) {
    for (int i = 0; i < 32; i++) square[i] = gf2_apply(matrix, matrix[i]);
}

// The tables for feeding 2^log2_bytes zero bytes to a raw register.
static void fill_shift(uint32_t shift[4][256], int log2_bytes) {
    uint32_t operator[32], squared[32];
    // One zero bit: the register moves right one place, and the polynomial comes in when bit 0 leaves.
    operator[0] = POLY;
    for (int i = 1; i < 32; i++) operator[i] = 1u << (i - 1);
    // Squaring doubles what it feeds: 3 squarings make a byte, log2_bytes more make the block.
    for (int i = 0; i < 3 + log2_bytes; i++) {
        gf2_square(squared, operator);
        memcpy(operator, squared, sizeof operator);
    }
    for (int k = 0; k < 4; k++)
        for (uint32_t v = 0; v < 256; v++) shift[k][v] = gf2_apply(operator, v << (8 * k));
}

// Filled once as the library loads, before any thread can ask.
__attribute__((constructor)) static void fill_tables(void) {
    for (uint32_t byte = 0; byte < 256; byte++) {
        uint32_t crc = byte;
        for (int bit = 0; bit < 8; bit++) crc = (crc & 1) ? (crc >> 1) ^ POLY : crc >> 1;
        table[byte] = crc;
    }
    fill_shift(shift_long, LONG_BLOCK_LOG2);
    fill_shift(shift_short, SHORT_BLOCK_LOG2);
}

static uint32_t update_table(uint32_t crc, const uint8_t *bytes, size_t count) {
    for (size_t i = 0; i < count; i++) crc = (crc >> 8) ^ table[(crc ^ bytes[i]) & 0xff];
    return crc;
}

uint32_t sluice_crc32c_update_bytewise(uint32_t crc, const uint8_t *bytes, size_t count) {
    return update_table(crc, bytes, count);
}

#if defined(__x86_64__)
static inline uint64_t load64(const uint8_t *bytes) {
    uint64_t word;
    memcpy(&word, bytes, 8);
    return word;
}

static inline uint32_t shifted(uint32_t shift[4][256], uint32_t crc) {
    return shift[0][crc & 0xff] ^ shift[1][(crc >> 8) & 0xff] ^ shift[2][(crc >> 16) & 0xff] ^ shift[3][crc >> 24];
}

// Three blocks of `block` bytes at once: the register after all three, as one stream would leave it.
__attribute__((target("sse4.2")))
static inline uint32_t three_blocks(uint32_t crc, const uint8_t *bytes, size_t block, uint32_t shift[4][256]) {
    uint64_t first = crc, second = 0, third = 0;
    for (size_t i = 0; i < block; i += 8) {
        first = __builtin_ia32_crc32di(first, load64(bytes + i));
        second = __builtin_ia32_crc32di(second, load64(bytes + block + i));
        third = __builtin_ia32_crc32di(third, load64(bytes + 2 * block + i));
    }
    uint32_t joined = shifted(shift, (uint32_t)first) ^ (uint32_t)second;
    return shifted(shift, joined) ^ (uint32_t)third;
}

__attribute__((target("sse4.2")))
static uint32_t update_sse42(uint32_t crc, const uint8_t *bytes, size_t count) {
    for (; count >= 3 * LONG_BLOCK; bytes += 3 * LONG_BLOCK, count -= 3 * LONG_BLOCK)
        crc = three_blocks(crc, bytes, LONG_BLOCK, shift_long);
    for (; count >= 3 * SHORT_BLOCK; bytes += 3 * SHORT_BLOCK, count -= 3 * SHORT_BLOCK)
        crc = three_blocks(crc, bytes, SHORT_BLOCK, shift_short);
    uint64_t wide = crc;
    for (; count >= 8; bytes += 8, count -= 8) wide = __builtin_ia32_crc32di(wide, load64(bytes));
    uint32_t narrow = (uint32_t)wide;
    for (; count > 0; bytes++, count--) narrow = __builtin_ia32_crc32qi(narrow, *bytes);
    return narrow;
}
#endif

uint32_t sluice_crc32c_update(uint32_t crc, const uint8_t *bytes, size_t count) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("sse4.2")) return update_sse42(crc, bytes, count);
#endif
    return update_table(crc, bytes, count);
}
