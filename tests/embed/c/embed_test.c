/* The C ABI from C11: the examples through calendar.build, estimate and
 * parity.analyse, with the numbers the C++ tests assert (worked out by hand
 * in tests/cpp/api/test_api.cpp), and one bad request that must come back as
 * an error object.
 *
 * usage: embed_test <examples directory> [<directory to write the responses to>]
 */
#include <iop/iop.h>

#include "example_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(condition, ...)                             \
  do {                                                    \
    if (!(condition)) {                                   \
      fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);     \
      fprintf(stderr, __VA_ARGS__);                       \
      fputc('\n', stderr);                                \
      ++failures;                                         \
    }                                                     \
  } while (0)



static char *call(const char *operation, const char *request, int expected_status, const char *out_dir,
                  const char *out_name) {
  char *response = NULL;
  size_t length = 0;
  int status = iop_call(operation, request, strlen(request), &response, &length);
  CHECK(status == expected_status, "%s: status %d (%s), expected %d: %.300s", operation, status,
        iop_status_name(status), expected_status, response ? response : "(null)");
  CHECK(response != NULL && strlen(response) == length, "%s: response length", operation);
  if (out_dir != NULL && response != NULL) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.json", out_dir, out_name);
    FILE *file = fopen(path, "wb");
    if (file != NULL) {
      fwrite(response, 1, length, file);
      fclose(file);
    }
  }
  return response;
}

/* The object that follows `"key":` in a compact response (keys are sorted, so it is unique per response here). */
static const char *after(const char *text, const char *key) {
  const char *at = text == NULL ? NULL : strstr(text, key);
  return at == NULL ? "" : at;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s <examples directory> [<output directory>]\n", argv[0]);
    return 2;
  }
  const char *out = argc > 2 ? argv[2] : NULL;
  char *plan = read_example(argv[1], "plan.json");
  char *case_document = read_example(argv[1], "case.json");
  char *design = read_example(argv[1], "design.json");

  CHECK(iop_api_version() == 1, "api version");
  CHECK(strlen(iop_version()) >= 5, "version");

  /* 8 weeks x Mon/Wed/Fri from 2026-03-02, no federal holiday in the course: 24 program days,
   * 4 medication visits; 24 x 180 + 4 x 30 = 4,440 minutes; 18:00 PST = 02:00Z. */
  char *request = wrap_request(NULL, "plan", plan);
  char *response = call("calendar.build", request, IOP_STATUS_OK, out, "calendar.build");
  const char *totals = after(response, "\"totals\":{");
  const char *expected_totals = "\"program_days\":24,\"scheduled_minutes\":4440,\"sessions\":28}";
  CHECK(strncmp(after(totals, "\"program_days\""), expected_totals, strlen(expected_totals)) == 0,
        "calendar totals: %.200s", totals);
  CHECK(strstr(response, "\"utc\":\"2026-03-03T02:00:00Z\"") != NULL, "first session at 02:00Z");
  iop_free(response);
  free(request);

  /* 36 program days x $300 + 6 visits x $130 = $11,580; $1,250 deductible + 20% of $10,330 = $3,316. */
  request = wrap_request(NULL, "case", case_document);
  response = call("estimate", request, IOP_STATUS_OK, out, "estimate");
  CHECK(strstr(response, "\"totals\":{\"allowed\":\"11580.00\",\"balance_billed\":\"0.00\",\"charges\":\"11580.00\",\"patient\":\"3316.00\","
                          "\"plan\":\"8264.00\",\"secondary\":\"0.00\",\"write_off\":\"0.00\"}") != NULL,
        "estimate totals: %.200s", after(response, "\"totals\""));
  iop_free(response);
  free(request);

  /* $40M of $50M have a copay: 80%; $35 on $25M of $40M: 62.5%, predominant. */
  request = wrap_request(NULL, "design", design);
  response = call("parity.analyse", request, IOP_STATUS_OK, out, "parity.analyse");
  CHECK(strstr(response, "\"levels\":[{\"display\":\"$35.00\",\"level\":3500,\"payments\":\"25000000.00\",\"share\":\"62.5%\"}") != NULL,
        "parity levels");
  CHECK(strstr(response, "\"subject_share\":\"80%\"") != NULL, "parity subject share");
  CHECK(strstr(response, "\"passes\":true") != NULL, "parity passes");
  iop_free(response);
  free(request);

  /* A bad request: a plan with only an id; the error names the missing member by its path in the request. */
  const char *bad = "{\"api_version\":1,\"plan\":{\"id\":\"x\"}}";
  response = call("calendar.build", bad, IOP_STATUS_VALIDATION, out, "calendar.build.error");
  CHECK(strstr(response, "\"error\":{") != NULL && strstr(response, "\"kind\":\"validation\"") != NULL,
        "error object: %s", response);
  CHECK(strstr(response, "\"field\":\"plan.") != NULL, "error names the plan's field: %s", response);
  iop_free(response);

  /* Unknown operation, NULL operation and NULL out-pointers. */
  response = call("calendar.make", "{\"api_version\":1}", IOP_STATUS_NOT_FOUND, NULL, NULL);
  CHECK(strstr(response, "\"field\":\"operation\"") != NULL, "unknown operation: %s", response);
  iop_free(response);
  response = NULL;
  size_t length = 0;
  CHECK(iop_call(NULL, "{}", 2, &response, &length) == IOP_STATUS_NOT_FOUND, "NULL operation");
  iop_free(response);
  CHECK(iop_call("version", "{}", 2, NULL, &length) == IOP_STATUS_INVALID_ARGUMENT, "NULL response pointer");
  /* Every status by its name, as include/iop/iop.h lists them, and a number that is none. */
  const char *names[] = {"ok", "validation", "not_found", "overflow", "internal", "invalid_argument"};
  for (int status = IOP_STATUS_OK; status <= IOP_STATUS_INVALID_ARGUMENT; ++status)
    CHECK(strcmp(iop_status_name(status), names[status]) == 0, "status %d is named %s", status, names[status]);
  CHECK(strcmp(iop_status_name(-1), "unknown") == 0 && strcmp(iop_status_name(6), "unknown") == 0, "unknown status");
  CHECK(iop_call("version", "{}", 2, &response, NULL) == IOP_STATUS_INVALID_ARGUMENT, "NULL length pointer");
  iop_free(NULL);

  free(plan);
  free(case_document);
  free(design);
  if (failures == 0) printf("embed_test: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
