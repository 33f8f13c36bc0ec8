/* A C program outside iop: 01:30 on 2026-11-01 happens twice in Chicago; the later is CST, 07:30Z. */
#include <iop/iop.h>

#include <stdio.h>
#include <string.h>

int main(void) {
  const char *request =
      "{\"api_version\":1,\"zone\":\"America/Chicago\",\"local\":\"2026-11-01T01:30\",\"fold\":\"later\"}";
  char *response = NULL;
  size_t length = 0;
  int status = iop_call("zone.convert", request, strlen(request), &response, &length);
  int ok = status == IOP_STATUS_OK && strstr(response, "\"utc\":\"2026-11-01T07:30:00Z\"") != NULL;
  printf("iop %s C ABI: %s\n", iop_version(), ok ? "01:30 CST = 07:30Z" : response);
  iop_free(response);
  return ok ? 0 : 1;
}
