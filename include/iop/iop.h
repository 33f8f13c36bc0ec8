/**
 * @file
 * @brief The C ABI of iop: the document API for any language that can call C.
 *
 * One function does the work: `iop_call` takes an operation name and a JSON
 * request and gives back a JSON response, exactly the bytes the `iop`
 * command (`iop call`), the Python package (`iop.call_json`) and the HTTP
 * service answer for the same request. No C++ exception or type crosses this
 * boundary: every failure is a status code and, whenever a response pointer
 * was given, an error object in the response:
 *
 *     {"api_version":1,"error":{"kind":"validation","field":"plan.weeks",...}}
 *
 * The library keeps no state between calls, and every function may be called
 * from any number of threads at once. Responses are allocated by the library
 * and released with `iop_free`.
 *
 * @code
 * const char *request = "{\"api_version\": 1}";
 * char *response = NULL;
 * size_t length = 0;
 * int status = iop_call("version", request, strlen(request), &response, &length);
 * if (status == IOP_STATUS_OK) printf("%.*s\n", (int)length, response);
 * iop_free(response);
 * @endcode
 *
 * Build against it with `pkg-config --cflags --libs iop-c`, or in CMake with
 * `find_package(iop CONFIG REQUIRED)` and `target_link_libraries(app PRIVATE iop::c)`.
 */
#ifndef IOP_IOP_H
#define IOP_IOP_H

#include <stddef.h>

/** Marks the exported functions (the library exports nothing else). */
#if defined(_WIN32)
#  if defined(IOP_C_BUILDING)
#    define IOP_C_API __declspec(dllexport)
#  else
#    define IOP_C_API __declspec(dllimport)
#  endif
#else
#  define IOP_C_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** @brief The status codes `iop_call` returns; the error object's `kind` names the same. */
enum iop_status {
  IOP_STATUS_OK = 0,               /**< the response holds a result */
  IOP_STATUS_VALIDATION = 1,       /**< the request was refused ("kind": "validation") */
  IOP_STATUS_NOT_FOUND = 2,        /**< a name in the request is not known ("kind": "not_found") */
  IOP_STATUS_OVERFLOW = 3,         /**< an exact amount would not fit ("kind": "overflow") */
  IOP_STATUS_INTERNAL = 4,         /**< a fault of iop itself or memory exhaustion ("kind": "internal") */
  IOP_STATUS_INVALID_ARGUMENT = 5  /**< `response` or `response_len` is NULL: nothing could be written */
};

/**
 * @brief Runs @p operation on a JSON request and returns the JSON response.
 *
 * @param operation    the operation's name, NUL-terminated, e.g. "calendar.build"
 * @param request      the request document, UTF-8 JSON (need not be NUL-terminated)
 * @param request_len  its length in bytes
 * @param response     receives the response document (UTF-8 JSON, NUL-terminated for
 *                     convenience); release it with `iop_free`; NULL when memory ran out
 * @param response_len receives the response's length in bytes, without the NUL
 * @return an `iop_status`; unless it is `IOP_STATUS_OK`, the response (when not NULL)
 *         is an error object naming the field, the value, the problem and what is allowed
 */
IOP_C_API int iop_call(const char *operation, const char *request, size_t request_len, char **response,
                       size_t *response_len);

/** @brief Releases a response from `iop_call`; NULL is allowed and does nothing. */
IOP_C_API void iop_free(char *response);

/** @brief The library's version, e.g. "0.1.0" (a static string; never free it). */
IOP_C_API const char *iop_version(void);

/** @brief The version of the request and response documents this library speaks (1). */
IOP_C_API int iop_api_version(void);

/** @brief The name of a status code: "ok", "validation", ..., or "unknown" (a static string). */
IOP_C_API const char *iop_status_name(int status);

#ifdef __cplusplus
}
#endif

#endif /* IOP_IOP_H */
