/* A stand-in for libcudart exporting the one entry point GREENLINT_GPU_SYNC
 * uses. Each cudaDeviceSynchronize appends one 's' to the file named by
 * FAKE_CUDART_LOG, so a test can count the syncs a program made. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((visibility("default"))) int cudaDeviceSynchronize(void) {
  const char *Path = getenv("FAKE_CUDART_LOG");
  FILE *F = Path ? fopen(Path, "a") : NULL;
  if (!F)
    return 1;
  fputc('s', F);
  fclose(F);
  return 0;
}
