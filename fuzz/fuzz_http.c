/* fuzz_http.c - libFuzzer driver for cl_fuzz_http (fuzz/targets.c). */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return cl_fuzz_http(data, size);
}
