/* The C ABI from 8 threads at once: mixed operations (calendars in every
 * format, estimates, parity, bad requests), every response compared byte for
 * byte with the one the same request gets on a single thread.
 *
 * usage: threads_test <examples directory>
 *
 * POSIX threads rather than C11's <threads.h>: glibc's thrd_create reaches
 * pthread_create internally, where Clang 14's ThreadSanitizer cannot see it,
 * and a thread it has not seen crashes in its first instrumented call.
 */
#define _POSIX_C_SOURCE 200809L

#include <iop/iop.h>

#include "example_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

enum { kThreads = 8, kRounds = 4, kRequests = 7 };

static const char *operations[kRequests];
static char *requests[kRequests];
static char *expected[kRequests];
static size_t expected_length[kRequests];
static int mismatches[kThreads];
static void *worker(void *argument) {
  const int id = *(const int *)argument;
  for (int round = 0; round < kRounds; ++round)
    for (int k = 0; k < kRequests; ++k) {
      const int i = (k + id) % kRequests;  /* each thread in its own order */
      char *response = NULL;
      size_t length = 0;
      iop_call(operations[i], requests[i], strlen(requests[i]), &response, &length);
      if (length != expected_length[i] || memcmp(response, expected[i], length) != 0) ++mismatches[id];
      iop_free(response);
    }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  char *plan = read_example(argv[1], "plan.json");
  char *case_document = read_example(argv[1], "case.json");
  char *design = read_example(argv[1], "design.json");
  const char *formats[] = {"json", "ics", "fhir", "csv"};
  for (int i = 0; i < 4; ++i) {
    operations[i] = "calendar.build";
    requests[i] = wrap_request(formats[i], "plan", plan);
  }
  operations[4] = "estimate";
  requests[4] = wrap_request("json", "case", case_document);
  operations[5] = "parity.analyse";
  requests[5] = wrap_request("text", "design", design);
  operations[6] = "estimate";
  requests[6] = wrap_request("json", "case", "{\"plan\":{\"weeks\":1e400}}");
  for (int i = 0; i < kRequests; ++i) {
    char *response = NULL;
    iop_call(operations[i], requests[i], strlen(requests[i]), &response, &expected_length[i]);
    expected[i] = response;
  }
  pthread_t threads[kThreads];
  int ids[kThreads];
  for (int t = 0; t < kThreads; ++t) {
    ids[t] = t;
    if (pthread_create(&threads[t], NULL, worker, &ids[t]) != 0) return 2;
  }
  int total = 0;
  for (int t = 0; t < kThreads; ++t) {
    pthread_join(threads[t], NULL);
    total += mismatches[t];
  }
  printf("threads_test: %d threads x %d rounds x %d requests, %d mismatches\n", kThreads, kRounds, kRequests, total);
  for (int i = 0; i < kRequests; ++i) {
    iop_free(expected[i]);
    free(requests[i]);
  }
  free(plan);
  free(case_document);
  free(design);
  return total == 0 ? 0 : 1;
}
