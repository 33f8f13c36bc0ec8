/* Reading the example documents and wrapping them into requests: shared by the C tests. */
#ifndef IOP_EMBED_EXAMPLE_FILES_H
#define IOP_EMBED_EXAMPLE_FILES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole of <directory>/<name> as a NUL-terminated string (exits on failure). */
static char *read_example(const char *directory, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", directory, name);
  FILE *file = fopen(path, "rb");
  if (file == NULL) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(2);
  }
  fseek(file, 0, SEEK_END);
  long size = ftell(file);
  fseek(file, 0, SEEK_SET);
  char *text = malloc((size_t)size + 1);
  size_t got = fread(text, 1, (size_t)size, file);
  text[got] = '\0';
  fclose(file);
  return text;
}

/* {"api_version":1,[format,]"<member>":<document>} by concatenation, as every language's test builds it
 * (format NULL: none, so the operation's default applies). The caller frees it. */
static char *wrap_request(const char *format, const char *member, const char *document) {
  size_t length = strlen(member) + strlen(document) + (format ? strlen(format) : 0) + 64;
  char *request = malloc(length);
  if (format == NULL)
    snprintf(request, length, "{\"api_version\":1,\"%s\":%s}", member, document);
  else
    snprintf(request, length, "{\"api_version\":1,\"format\":\"%s\",\"%s\":%s}", format, member, document);
  return request;
}

#endif
