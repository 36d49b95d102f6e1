// glibc's allocator options (mallopt), which the Glibc module does not carry.
#include <malloc.h>
