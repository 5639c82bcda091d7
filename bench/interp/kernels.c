/* Hand-written C versions of the interpreter benchmark kernels (bench/interp.ts), compiled with gcc -O2 at bench
 * time. Usage: kernels <name> <input file>; prints "<ns> <output hex prefix>" (the kernel alone is timed). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  FILE* f = fopen(argv[2], "rb");
  if (!f) return 2;
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t* in = malloc(len > 0 ? len : 1);
  if (fread(in, 1, len, f) != (size_t)len) return 2;
  fclose(f);
  uint8_t* out = malloc(2 * (size_t)len + 1024);
  size_t out_len = 0;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if (!strcmp(argv[1], "sum_bytes")) {
    uint32_t acc = 0;
    for (long i = 0; i < len; i++) acc += in[i];
    memcpy(out, &acc, 4), out_len = 4;
  } else if (!strcmp(argv[1], "word_count")) {
    uint32_t count = 0, inw = 0;
    for (long i = 0; i < len; i++) {
      uint8_t c = in[i];
      if (c == 32 || c == 10 || c == 9 || c == 13) inw = 0;
      else if (!inw) count++, inw = 1;
    }
    memcpy(out, &count, 4), out_len = 4;
  } else if (!strcmp(argv[1], "rle_encode")) {
    long i = 0;
    while (i < len) {
      uint8_t c = in[i];
      uint32_t run = 1;
      while (i + run < len && in[i + run] == c && run < 255) run++;
      out[out_len++] = (uint8_t)run;
      out[out_len++] = c;
      i += run;
    }
  } else if (!strcmp(argv[1], "byte_freq")) {
    uint32_t t[256] = {0};
    for (long i = 0; i < len; i++) t[in[i]]++;
    memcpy(out, t, 1024), out_len = 1024;
  } else if (!strcmp(argv[1], "fibonacci")) {
    uint32_t n = in[0] | (in[1] << 8) | (in[2] << 16) | ((uint32_t)in[3] << 24);
    uint32_t r = fib(n);
    memcpy(out, &r, 4), out_len = 4;
  } else return 2;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long long ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
  printf("%lld ", ns);
  for (size_t k = 0; k < out_len && k < 16; k++) printf("%02x", out[k]);
  printf(" %zu\n", out_len);
  return 0;
}
